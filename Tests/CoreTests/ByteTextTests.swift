@testable import BrightspotsCore
import Testing

/// The byte-level text helpers give exactly what the `Character`-level code they replaced gave, on random text
/// mixing ASCII, line breaks (CRLF among them), accents written both ways, combining marks after spaces and
/// markers, emoji and non-Latin scripts.
@Suite("Byte-level text")
struct ByteTextTests {
    static let pieces = ["a", "Z", "9", " ", "  ", "\n", "\r\n", "\r", "\t", "#", "## ", "[[", "]]", "](/", "-", "é",
                         "e\u{301}", " \u{301}", "[\u{301}", "\n\u{301}", "\u{A0}", "\u{2003}", "\u{3000}", "\u{85}",
                         "🙂", "👩🏽‍⚕️", "Ωμέγα", "日本", "’", "—", "```", "<", "&", "İ", "ß", "\u{FEFF}"]

    static func randomText(_ random: inout SplitMix64, length: Int) -> String {
        (0..<length).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    @Test("lines split by bytes match split(separator: \"\\n\")")
    func lineSlices() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let text = Self.randomText(&random, length: Int.random(in: 0...30, using: &random))
            let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(text.lineSlices.map(String.init) == expected, "\(text.debugDescription)")
            let sub = text.dropFirst(min(2, text.count))
            #expect(sub.lineSlices.map(String.init)
                    == sub.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }
    }

    @Test("leading spaces counted by bytes match counting characters")
    func leadingSpaces() {
        var random = SplitMix64(seed: 8)
        for _ in 0..<2_000 {
            let text = Self.randomText(&random, length: Int.random(in: 0...8, using: &random))
            #expect(text.leadingSpaceCount == text.prefix { $0 == " " }.count, "\(text.debugDescription)")
        }
        #expect("   \u{301}x".leadingSpaceCount == 2)
    }

    @Test("hasSuffixBytes answers as comparing the UTF-8 bytes of the end does")
    func hasSuffixBytes() {
        var random = SplitMix64(seed: 10)
        for _ in 0..<2_000 {
            let tail = Self.randomText(&random, length: Int.random(in: 0...6, using: &random))
            let head = Self.randomText(&random, length: Int.random(in: 0...6, using: &random))
            let other = Self.randomText(&random, length: Int.random(in: 0...6, using: &random))
            for text in [head + tail, other, tail, head] {
                let expected = Array(text.utf8).count >= Array(tail.utf8).count
                    && Array(text.utf8).suffix(Array(tail.utf8).count) == Array(tail.utf8)[...]
                #expect(text.hasSuffixBytes(tail) == expected, "\(text.debugDescription) \(tail.debugDescription)")
                #expect(text.dropFirst(1).hasSuffixBytes(tail) == (Array(text.dropFirst(1).utf8).count >= Array(tail.utf8).count
                    && Array(text.dropFirst(1).utf8).suffix(Array(tail.utf8).count) == Array(tail.utf8)[...]))
            }
        }
    }

    @Test("byteRange finds the first ASCII marker as firstRange does")
    func byteRange() {
        var random = SplitMix64(seed: 9)
        for _ in 0..<2_000 {
            let text = Self.randomText(&random, length: Int.random(in: 0...20, using: &random))
            for marker in ["[[", "]]", "](/", "<img "] {
                let found = text.byteRange(of: marker)
                // By bytes a marker followed by a combining mark is found too; otherwise the answers agree.
                if let found, !text[found.upperBound...].unicodeScalars.first.map({ $0.properties.generalCategory == .nonspacingMark }).isTrue {
                    #expect(text[found] == marker[...])
                    #expect(found == text.firstRange(of: marker), "\(text.debugDescription) \(marker)")
                } else if found == nil {
                    #expect(text.firstRange(of: marker) == nil, "\(text.debugDescription) \(marker)")
                }
            }
        }
    }

    @Test("whitespace collapsed by bytes matches collapsing scalar by scalar")
    func collapse() {
        func reference(_ text: String) -> String {
            var output = String.UnicodeScalarView()
            var pendingSpace = false
            for scalar in text.unicodeScalars {
                if scalar.properties.isWhitespace {
                    pendingSpace = !output.isEmpty
                } else {
                    if pendingSpace { output.append(" ") }
                    pendingSpace = false
                    output.append(scalar)
                }
            }
            return String(output)
        }
        var random = SplitMix64(seed: 10)
        for _ in 0..<2_000 {
            let text = Self.randomText(&random, length: Int.random(in: 0...25, using: &random))
            #expect(PlainText.collapseWhitespace(text).unicodeScalars.elementsEqual(reference(text).unicodeScalars),
                    "\(text.debugDescription)")
        }
    }

    @Test("front matter and body are the text between and after the fences, lines counted")
    func frontMatterSlices() throws {
        let text = "---\ntitle: A\ndate: 2024-01-02\n---\n\nBody line\n\n## Heading\n"
        let parts = try FrontMatter.split(text, file: "x.md").get()
        #expect(parts.yaml == "title: A\ndate: 2024-01-02")
        #expect(parts.body == "\nBody line\n\n## Heading\n")
        #expect(parts.bodyLine == 5)
        let empty = try FrontMatter.split("---\n---", file: "x.md").get()
        #expect(empty.yaml == "" && empty.body == "" && empty.bodyLine == 3)
        let bom = try FrontMatter.split("\u{FEFF}---\nt: 1\n...\nB", file: "x.md").get()
        #expect(bom.yaml == "t: 1" && bom.body == "B")
    }
}

private extension Optional where Wrapped == Bool {
    var isTrue: Bool { self == true }
}
