import Testing
@testable import BrightspotsCore

@Suite("Slug")
struct SlugTests {
    @Test("make", arguments: [
        ("Café & Co.", "cafe-co"), ("People's voice", "peoples-voice"), ("People\u{2019}s voice", "peoples-voice"),
        ("Mental Health", "mental-health"), ("  Mental   Health  ", "mental-health"), ("mental-health", "mental-health"),
        ("a--b", "a-b"), ("-leading and trailing-", "leading-and-trailing"), ("Ünïcödé", "unicode"),
        ("Straße", "strasse"), ("999 calls", "999-calls"), ("C++ & C#", "c-c"), ("!!!", ""), ("", ""),
    ])
    func make(text: String, expected: String) {
        #expect(Slug.make(from: text) == expected)
    }

    @Test("isValid", arguments: [
        ("late-discharge", true), ("a", true), ("2026-review", true), ("", false), ("Late-discharge", false),
        ("late--discharge", false), ("-late", false), ("late-", false), ("late_discharge", false), ("café", false),
    ])
    func isValid(slug: String, valid: Bool) {
        #expect(Slug.isValid(slug) == valid)
    }

    @Test("ASCII text makes the slug that folding makes, byte by byte")
    func asciiSameAsFolded() {
        // Every ASCII byte, the control characters and DEL among them, in random strings.
        var random = SystemRandomNumberGenerator()
        let pieces = (0..<128).map { String(UnicodeScalar(UInt8($0))) } + ["Mental", "HEALTH", "people's", "999", "--"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(Slug.asciiSlug(text) == Slug.foldedSlug(text), "\(text.debugDescription)")
        }
        #expect(Slug.asciiSlug("Café") == nil)
    }
}
