import Testing
@testable import BrightspotsCore

/// The privacy guard in `check` and `build`: identifiers in an entry file are problems on the file's line,
/// unless the front matter's `privacy_allowed` list allows them.
@Suite("EntryParser: privacy")
struct PrivacyEntryTests {
    static let file = EntryParserTests.aarFile

    static func parse(_ frontMatter: [String], body: String = TestVocabulary.aarBody) -> (Entry?, [Problem]) {
        EntryParserTests.parse(EntryParserTests.entry(frontMatter, body: body))
    }

    static func problem(_ line: Int, _ kind: String, _ text: String) -> Problem {
        Problem(file: file, line: line, .identifier(kind: kind, text: text))
    }

    static let allowedPhone = [
        "privacy_allowed:",                                      // 4
        "  - text: 0113 496 0456",                               // 5
        "    allowed_by: Sam Moderator",                         // 6
        "    reason: the team's duty line, on the council's website", // 7
    ]

    @Test("an identifier in the body is a problem on its file line, and the entry is refused")
    func bodyIdentifier() {
        // Front matter on lines 2–3, "---" on 4, a blank line 5; the body starts on line 6.
        let body = TestVocabulary.aarBody + "\n\nRing 0113 496 0456 or write to LS11 5BZ."
        let (entry, problems) = Self.parse(["title: Phoning first", "date: 2026-05-14"], body: body)
        #expect(entry == nil)
        #expect(problems == [Self.problem(22, "phone number", "0113 496 0456"), Self.problem(22, "postcode", "LS11 5BZ")])
    }

    @Test("front matter values are scanned too, on their own lines")
    func frontMatterIdentifier() {
        let (entry, problems) = Self.parse([
            "title: Phoning first",                                // 2
            "date: 2026-05-14",                                    // 3
            "summary: We rang 07700 900123 and it worked.",        // 4
            "team: Duty team (jo.bloggs@example.com)",             // 5
        ])
        #expect(entry == nil)
        #expect(problems == [Self.problem(4, "phone number", "07700 900123"),
                             Self.problem(5, "email address", "jo.bloggs@example.com")])
    }

    @Test("an allowed finding passes, and the allowance is kept on the entry")
    func allowed() throws {
        let body = TestVocabulary.aarBody + "\n\nThe duty line is 0113  496 0456."
        let (entry, problems) = Self.parse(["title: Phoning first", "date: 2026-05-14"] + Self.allowedPhone, body: body)
        #expect(problems == [])
        let parsed = try #require(entry)
        #expect(parsed.privacyAllowed == [PrivacyAllowance(text: "0113 496 0456", allowedBy: "Sam Moderator",
                                                           reason: "the team's duty line, on the council's website")])
        #expect(parsed.keyLines["privacy_allowed"] == 4)
    }

    @Test("an allowance covers only its own text: other findings are still problems")
    func allowanceCoversOnlyItsText() {
        let body = TestVocabulary.aarBody + "\n\nThe duty line is 0113 496 0456; he was aged 34."
        let (entry, problems) = Self.parse(["title: Phoning first", "date: 2026-05-14"] + Self.allowedPhone, body: body)
        #expect(entry == nil)
        #expect(problems == [Self.problem(26, "age", "aged 34")])
    }

    @Test("an entry without privacy_allowed has none")
    func noAllowances() throws {
        let (entry, problems) = Self.parse(["title: Phoning first", "date: 2026-05-14", "privacy_allowed:"])
        #expect(problems == [])
        #expect(try #require(entry).privacyAllowed == [])
    }

    @Test("the entry's date is not read as a date of birth beside a title that says born")
    func titleSaysBorn() {
        let (entry, problems) = Self.parse(["title: Born too soon", "date: 2026-05-14"])
        #expect(problems == [])
        #expect(entry != nil)
    }

    @Test("each malformed allowance is a problem with its line")
    func malformedAllowances() {
        let (entry, problems) = Self.parse([
            "title: Phoning first",                 // 2
            "date: 2026-05-14",                     // 3
            "privacy_allowed:",                     // 4
            "  - text: 0113 496 0456",              // 5
            "    reason: the duty line",            // 6
            "  - text: LS11 5BZ",                   // 7
            "    allowed_by: Sam Moderator",        // 8
            "    reason: \"\"",                     // 9
            "    note: offices",                    // 10
            "  - just text",                        // 11
        ])
        #expect(entry == nil)
        #expect(problems == [
            Problem(file: Self.file, line: 5, .missingKey("allowed_by")),
            Problem(file: Self.file, line: 10, .unknownKey("note", allowed: PrivacyAllowanceParser.keys,
                                                           suggestion: nil)),
            Problem(file: Self.file, line: 9, .emptyValue(key: "reason")),
            Problem(file: Self.file, line: 11, .notAMapping(what: "an allowance")),
        ])
    }

    @Test("privacy_allowed must be a list")
    func allowancesNotAList() {
        let (_, problems) = Self.parse(["title: Phoning first", "date: 2026-05-14", "privacy_allowed: 0113 496 0456"])
        #expect(problems == [Problem(file: Self.file, line: 4,
                                     .wrongType(key: "privacy_allowed", expected: "a list of {text, allowed_by, reason}"))])
    }

    @Test("the message names the kind and the text; the hint says how to allow it")
    func messageAndHint() {
        let reason = Problem.Reason.identifier(kind: "NHS number", text: "943 476 5919")
        #expect(reason.message == "possible NHS number \"943 476 5919\" (could identify a person who uses services).")
        #expect(reason.hint == "Remove it. If a moderator judges it is not an identifier, add it to privacy_allowed in "
            + "the front matter with who allowed it and why: - {text: \"943 476 5919\", allowed_by: …, reason: …}")
        #expect(PrivacyAllowanceParser.quoted("say \"hi\" \\ bye") == "\"say \\\"hi\\\" \\\\ bye\"")
    }
}

/// `PrivacyAllowanceParser.blanking` against cutting the text into lines and joining them again, as the check
/// did before: random texts with blank lines, CRLF, lone CR, non-ASCII text and any lines to empty.
@Suite("Emptying lines before the privacy scan")
struct PrivacyBlankingTests {
    static func joined(_ lines: [Int], in text: String) -> String {
        var slices = text.lineSlices
        for line in lines where slices.indices.contains(line - 1) { slices[line - 1] = "" }
        return slices.joined(separator: "\n")
    }

    @Test("the same text as cutting into lines and joining them again")
    func sameAsJoining() {
        var random = SystemRandomNumberGenerator()
        let pieces = ["date: 2026-01-02", "", "title: Café", "\r", "\r\n", "x", "privacy_allowed:", "  - text: 0113",
                      "😀", "\n", "\n\n"]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...14, using: &random) {
                text += pieces.randomElement(using: &random)!
                if Bool.random(using: &random) { text += "\n" }
            }
            let count = text.lineSlices.count
            let lines = (0..<Int.random(in: 0...4, using: &random)).map { _ in Int.random(in: 0...(count + 2), using: &random) }
            #expect(PrivacyAllowanceParser.blanking(lines, in: text) == Self.joined(lines, in: text),
                    "\(text.debugDescription) \(lines)")
        }
    }
}
