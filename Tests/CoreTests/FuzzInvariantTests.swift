import Foundation
import FuzzInvariants
import Testing
@testable import BrightspotsCore

/// The fuzz target's invariants (Sources/FuzzInvariants) over seeded random mutations of the seed corpus, so plain
/// `swift test` exercises them a fixed number of times; `make fuzz` runs libFuzzer over the same invariants for
/// longer. BRIGHTSPOTS_FUZZ_ITERATIONS raises the count here.
@Suite("Fuzz invariants, seeded")
struct FuzzInvariantTests {
    static let corpusFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")

    static let seeds: [[UInt8]] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: corpusFolder.path)) ?? []
        return names.sorted().compactMap { FileManager.default.contents(atPath: corpusFolder.appendingPathComponent($0).path) }
            .map(Array.init)
    }()

    /// Pieces that change structure or try to break out: front matter lines, fences, markup, odd characters.
    static let tokens: [[UInt8]] = [
        "---\n", "...\n", "\n", "\r\n", "\r", "\t", "\u{1E}", "title: ", "date: 2026-05-01\n", "kind: aar\n",
        "tags: [", "]", "\"", "'", "\\", "&", ":", "#", "- ", "  ", "## What actually happened?\n", "```", "~~~",
        "\"><script>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
        "[x](javascript:alert(1))", "![x](javascript:alert(1))", "](data:text/html,x)", "&#58;", "&#x6A;", "&colon;",
        "<http://example.org/\"x>", "[^1]", "[^1]: ", "| a | b |\n|---|---|\n", "{{{bodyHTML}}}", "\u{2028}",
        "\u{2029}", "\u{85}", "\u{FFFF}", "\u{FFFE}", "\u{FEFF}", "\u{202E}", "\u{0}", "é", "🙂", "e\u{301}",
        " born ", "DOB ", "\\:", "](javascript\\:x)", "date of birth", "aged 34", "1.5", "£1,250.50", "ae-attendance", "null", "yes", "~",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80]]

    static var iterations: Int {
        ProcessInfo.processInfo.environment["BRIGHTSPOTS_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 1_500
    }

    static func mutate(_ input: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0, 1:
                bytes.insert(contentsOf: tokens.randomElement(using: &random)!, at: position)
            case 2 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...16, using: &random))
                bytes.removeSubrange(min(position, end)..<end)
            case 3 where position < bytes.count:
                bytes[position] = UInt8.random(in: 0...255, using: &random)
            case 4:
                let other = seeds.randomElement(using: &random) ?? []
                let start = Int.random(in: 0...other.count, using: &random)
                bytes.insert(contentsOf: other[start..<min(other.count, start + 64)], at: position)
            default:
                let end = min(bytes.count, position + Int.random(in: 1...32, using: &random))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            }
        }
        return bytes
    }

    @Test("the seed corpus is there and every seed keeps the invariants")
    func seedsHold() {
        #expect(Self.seeds.count >= 5, "no seed corpus at \(Self.corpusFolder.path)")
        for seed in Self.seeds { #expect(Invariants.check(seed) == []) }
    }

    @Test("random mutations of the seeds keep every invariant (fixed seed)")
    func mutationsHold() {
        var random = SplitMix64(seed: 0xB5_2026)
        var failures = 0
        for _ in 0..<Self.iterations {
            var input = Self.seeds.randomElement(using: &random) ?? []
            for _ in 0..<Int.random(in: 1...3, using: &random) { input = Self.mutate(input, &random) }
            let broken = Invariants.check(input)
            if !broken.isEmpty {
                failures += 1
                // The input, so it can be added to Tests/Fuzz/corpus/ and replayed with BrightspotsFuzz.
                Issue.record("\(broken.joined(separator: "\n"))\ninput (base64): \(Data(input).base64EncodedString())")
                if failures == 5 { break }
            }
        }
    }

    // The invariants themselves must be able to fail.

    @Test("the HTML check finds live markup", arguments: [
        "<p><script>alert(1)</script></p>",
        "<pre><code class=\"\"><script>\">x\n</code></pre>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"  JaVa&#x53;cript&colon;alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<img src=\"data:image/svg+xml,x\" alt=\"\">",
        "<p title='x' onclick=y>z</p>",
        "<!-- x -->",
    ])
    func htmlCheckFindsLiveMarkup(html: String) {
        #expect(!HTMLSafety.violations(inBody: html).isEmpty)
    }

    @Test("the HTML check passes what discount writes for safe input", arguments: [
        "<p><a href=\"https://example.org/\" title=\"&quot;&gt;&lt;script&gt;\">x</a> &lt;script></p>",
        "<pre><code class=\"&quot;&gt;&lt;script&gt;\">x\n</code></pre>",
        "<p><img src=\"/a.png\" alt=\"x&quot; onerror=&quot;y\" /></p>",
        "<table><tr><td style=\"text-align:center;\">1</td></tr></table>",
        "<p><a href=\"java&amp;#115;cript:alert(1\">x</a>)</p>",
    ])
    func htmlCheckPassesInertMarkup(html: String) {
        #expect(HTMLSafety.violations(inBody: html) == [])
    }
}
