import Foundation
import Testing
@testable import BrightspotsCore

/// `roi:` blocks read through EntryParser (so problems carry real file lines) and through ROIParser directly.
@Suite("ROIParser")
struct ROIParserTests {
    static let file = "Content/aar/2026/phoning-first.md"
    static let codes = ROIFixtures.table.codes

    static func dec(_ text: String) -> Decimal { ROIFixtures.dec(text) }

    static func problem(_ line: Int?, _ reason: Problem.Reason) -> Problem {
        Problem(file: file, line: line, reason)
    }

    /// An AAR whose front matter is "title: T" (line 2), "date: 2026-05-14" (line 3), then `lines` from line 4.
    static func text(_ lines: [String], extra: [String] = []) -> String {
        (["---", "title: T", "date: 2026-05-14"] + extra + lines + ["---", ""]).joined(separator: "\n")
            + "\n" + TestVocabulary.aarBody
    }

    static func parse(_ lines: [String], extra: [String] = []) -> (Entry?, [Problem]) {
        EntryParser.parse(text(lines, extra: extra), at: TestVocabulary.location(file),
                          vocabulary: ROIFixtures.vocabulary)
    }

    static func problems(_ lines: [String]) -> [Problem] {
        let (entry, problems) = parse(lines)
        #expect(entry == nil)
        return problems
    }

    /// ROIParser on a YAML document of its own (line 1 is the first line of `yaml`).
    static func parseBlock(_ yaml: String) -> (ROIBlock?, [Problem]) {
        guard case .success(let value?) = YAMLDocument.parse(yaml, file: "roi.yaml") else {
            Issue.record("fixture YAML does not parse: \(yaml)")
            return (nil, [])
        }
        var reader = FieldReader(file: "roi.yaml")
        let block = ROIParser.parse(value, table: ROIFixtures.table, reader: &reader)
        return (block, reader.problems)
    }

    // MARK: Valid blocks

    @Test("a full roi block is read into an ROIBlock with exact values")
    func fullBlock() throws {
        let (entry, problems) = Self.parse([
            "roi:",                                            // 4
            "  cost: £1,250.50",                               // 5
            "  paid_for: two extra hours of a housing officer's time", // 6
            "  deadweight: 25%",                               // 7
            "  attribution: 50",                               // 8
            "  outcomes:",                                     // 9
            "    - code: ae-attendance",                       // 10
            "      count: 3",                                  // 11
            "      period: 2026-05",                           // 12
            "      note: Three fewer visits in May",           // 13
            "    - {code: rough-sleeper, count: 0.25}",        // 14
        ])
        #expect(problems == [])
        let parsed = try #require(entry)
        let roi = try #require(parsed.roi)
        #expect(roi == ROIBlock(
            cost: ROIFixtures.money("1250.50"), paidFor: "two extra hours of a housing officer's time",
            outcomes: [
                ROIOutcome(code: "ae-attendance", count: 3, period: "2026-05", note: "Three fewer visits in May"),
                ROIOutcome(code: "rough-sleeper", count: Self.dec("0.25"), period: nil, note: nil),
            ],
            deadweight: 25, attribution: 50))
        #expect(roi.cost.pounds == Self.dec("1250.5"))
    }

    @Test("deadweight and attribution left out are nil (the site's default applies later)")
    func percentagesOmitted() throws {
        let (block, problems) = Self.parseBlock("outcomes: [{code: ae-attendance, count: 1}]\n")
        #expect(problems == [])
        let roi = try #require(block)
        #expect(roi.deadweight == nil)
        #expect(roi.attribution == nil)
        #expect(roi.cost == .zero)
        #expect(roi.paidFor == nil)
    }

    @Test("percentages are accepted with or without a % sign", arguments: [
        ("0", "0"), ("25", "25"), ("25%", "25"), ("33.3", "33.3"), ("100", "100"), ("100%", "100"), ("0%", "0"),
    ])
    func percentages(written: String, expected: String) throws {
        let (block, problems) = Self.parseBlock(
            "deadweight: \(written)\nattribution: \(written)\noutcomes: [{code: ae-attendance, count: 1}]\n")
        #expect(problems == [])
        let roi = try #require(block)
        #expect(roi.deadweight == Self.dec(expected))
        #expect(roi.attribution == Self.dec(expected))
    }

    @Test("counts may be whole or decimal, and zero",
          arguments: [("3", "3"), ("1.5", "1.5"), ("0", "0"), ("0.25", "0.25")])
    func counts(written: String, expected: String) throws {
        let (block, problems) = Self.parseBlock("outcomes: [{code: ae-attendance, count: \(written)}]\n")
        #expect(problems == [])
        #expect(try #require(block).outcomes.map(\.count) == [Self.dec(expected)])
    }

    @Test("an entry without roi has no block")
    func noROI() throws {
        let (entry, problems) = Self.parse([])
        #expect(problems == [])
        #expect(try #require(entry).roi == nil)
    }

    // MARK: Outcome codes

    @Test("an unknown outcome code suggests the nearest code")
    func unknownCodeWithSuggestion() {
        #expect(Self.problems([
            "roi:",                          // 4
            "  cost: 100",                   // 5
            "  outcomes:",                   // 6
            "    - code: ae-atendance",      // 7
            "      count: 3",                // 8
        ]) == [Self.problem(7, .unknownOutcomeCode("ae-atendance", suggestion: "ae-attendance"))])
    }

    @Test("an unknown outcome code far from every code has no suggestion")
    func unknownCodeWithoutSuggestion() {
        #expect(Self.problems([
            "roi:",                                       // 4
            "  outcomes:",                                // 5
            "    - {code: helicopter-rescue, count: 1}",  // 6
        ]) == [Self.problem(6, .unknownOutcomeCode("helicopter-rescue", suggestion: nil))])
    }

    // MARK: Counts

    @Test("a count that is not a number of zero or more is reported at its line",
          arguments: ["-2", "three", "1e2", "1/2"])
    func invalidCount(written: String) {
        #expect(Self.problems([
            "roi:",                          // 4
            "  outcomes:",                   // 5
            "    - code: ae-attendance",     // 6
            "      count: '\(written)'",     // 7
        ]) == [Self.problem(7, .invalidCount(written))])
    }

    @Test("a missing count is a missing key at the outcome's line")
    func missingCount() {
        #expect(Self.problems([
            "roi:",                          // 4
            "  cost: 20",                    // 5
            "  outcomes:",                   // 6
            "    - code: ae-attendance",     // 7
            "      note: no count given",    // 8
        ]) == [Self.problem(7, .missingKey("count"))])
    }

    @Test("a missing code is a missing key at the outcome's line")
    func missingCode() {
        #expect(Self.problems([
            "roi:",                          // 4
            "  outcomes:",                   // 5
            "    - count: 2",                // 6
        ]) == [Self.problem(6, .missingKey("code"))])
    }

    @Test("an empty count or code is reported, not silently dropped with its outcome", arguments: [
        ("count", "''"), ("count", ""), ("code", "''"),
    ])
    func emptyCountOrCode(key: String, written: String) {
        let (entry, problems) = Self.parse([
            "roi:",                                                        // 4
            "  cost: 100",                                                 // 5
            "  outcomes:",                                                 // 6
            "    - code: " + (key == "code" ? written : "ae-attendance"),  // 7
            "      count: " + (key == "count" ? written : "3"),            // 8
        ])
        // An empty required value is an emptyValue problem at its line, as for a title; it must not make the outcome
        // vanish and leave a block with a cost and no outcomes.
        let line = key == "code" ? 7 : 8
        #expect(entry == nil, "roi after parsing: \(String(describing: entry?.roi))")
        #expect(problems == [Self.problem(line, .emptyValue(key: key))])
    }

    @Test("paid_for must be a single line of text")
    func paidForList() {
        #expect(Self.problems([
            "roi:",                                          // 4
            "  paid_for: [time, tea]",                       // 5
            "  outcomes: [{code: ae-attendance, count: 1}]", // 6
        ]) == [Self.problem(5, .wrongType(key: "paid_for", expected: "a single line of text"))])
    }

    @Test("a count written as a list has the wrong type")
    func countList() {
        #expect(Self.problems([
            "roi:",                                         // 4
            "  outcomes:",                                  // 5
            "    - {code: ae-attendance, count: [1, 2]}",   // 6
        ]) == [Self.problem(6, .wrongType(key: "count", expected: "a single line of text"))])
    }

    // MARK: Percentages

    @Test("a deadweight or attribution outside 0–100 or not a number is reported at its line",
          arguments: ["deadweight", "attribution"], ["120", "-5", "abc", "150%", "%", "100.01"])
    func invalidPercentage(key: String, written: String) {
        #expect(Self.problems([
            "roi:",                                         // 4
            "  \(key): '\(written)'",                       // 5
            "  outcomes: [{code: ae-attendance, count: 1}]", // 6
        ]) == [Self.problem(5, .invalidPercentage(key: key, value: written))])
    }

    // MARK: Cost

    @Test("a cost that is not an amount in pounds is reported at its line",
          arguments: ["£abc", "-100", "£-5", "ten pounds"])
    func invalidCost(written: String) {
        #expect(Self.problems([
            "roi:",                                          // 4
            "  cost: '\(written)'",                          // 5
            "  outcomes: [{code: ae-attendance, count: 1}]", // 6
        ]) == [Self.problem(5, .invalidMoney(key: "cost", value: written))])
    }

    @Test("a cost with no outcomes is reported at the roi block")
    func costWithoutOutcomes() {
        // The roi mapping's line is the line of its first key (Yams marks a block mapping where it starts).
        #expect(Self.problems([
            "roi:",                          // 4
            "  cost: 100",                   // 5
        ]) == [Self.problem(5, .costWithoutOutcomes)])
        #expect(Self.problems([
            "roi: {cost: 100, outcomes: []}", // 4
        ]) == [Self.problem(4, .costWithoutOutcomes)])
    }

    @Test("outcomes written as a mapping have the wrong type")
    func outcomesAsMapping() {
        #expect(Self.problems([
            "roi:",                          // 4
            "  outcomes:",                   // 5
            "    code: ae-attendance",       // 6
            "    count: 3",                  // 7
        ]) == [Self.problem(6, .wrongType(key: "outcomes", expected: "a list of {code, count}"))])
    }

    @Test("an outcome that is not a mapping is reported")
    func outcomeNotAMapping() {
        #expect(Self.problems([
            "roi:",                          // 4
            "  outcomes:",                   // 5
            "    - ae-attendance",           // 6
        ]) == [Self.problem(6, .notAMapping(what: "an outcome"))])
    }

    @Test("roi that is not a mapping is reported")
    func roiNotAMapping() {
        #expect(Self.problems(["roi: 3 A&E attendances"]) == [Self.problem(4, .notAMapping(what: "roi"))])
    }

    // MARK: Unknown keys

    @Test("an unknown key inside roi suggests the nearest")
    func unknownROIKey() {
        #expect(Self.problems([
            "roi:",                                          // 4
            "  dead_weight: 25",                             // 5
            "  outcomes: [{code: ae-attendance, count: 1}]", // 6
            "  hours_saved: 3",                              // 7
        ]) == [
            Self.problem(5, .unknownKey("dead_weight", allowed: ROIParser.keys, suggestion: "deadweight")),
            Self.problem(7, .unknownKey("hours_saved", allowed: ROIParser.keys, suggestion: nil)),
        ])
    }

    @Test("an unknown key inside an outcome suggests the nearest")
    func unknownOutcomeKey() {
        #expect(Self.problems([
            "roi:",                          // 4
            "  outcomes:",                   // 5
            "    - code: ae-attendance",     // 6
            "      count: 1",                // 7
            "      perod: 2026-05",          // 8
            "      colour: red",             // 9
        ]) == [
            Self.problem(8, .unknownKey("perod", allowed: ROIParser.outcomeKeys, suggestion: "period")),
            Self.problem(9, .unknownKey("colour", allowed: ROIParser.outcomeKeys, suggestion: nil)),
        ])
    }

    // MARK: Several problems

    @Test("several roi problems are reported in one go")
    func severalROIProblems() {
        #expect(Self.problems([
            "roi:",                                  // 4
            "  cost: £abc",                          // 5
            "  deadweight: 120",                     // 6
            "  attribution: abc",                    // 7
            "  outcomes:",                           // 8
            "    - code: ae-atendance",              // 9
            "      count: -2",                       // 10
            "    - code: ambulance-call-out",        // 11
            "      count: three",                    // 12
            "    - code: rough-sleeper",             // 13
            "      cuont: 1",                        // 14
        ]) == [
            Self.problem(5, .invalidMoney(key: "cost", value: "£abc")),
            Self.problem(6, .invalidPercentage(key: "deadweight", value: "120")),
            Self.problem(7, .invalidPercentage(key: "attribution", value: "abc")),
            Self.problem(9, .unknownOutcomeCode("ae-atendance", suggestion: "ae-attendance")),
            Self.problem(10, .invalidCount("-2")),
            Self.problem(12, .invalidCount("three")),
            Self.problem(14, .unknownKey("cuont", allowed: ROIParser.outcomeKeys, suggestion: "count")),
            Self.problem(13, .missingKey("count")),
        ])
    }

    @Test("roi problems are reported together with other front-matter problems")
    func withOtherProblems() {
        let (entry, problems) = Self.parse([
            "principles: [no-wrong-front-dor]",      // 5
            "roi:",                                  // 6
            "  cost: 100",                           // 7
            "  deadweight: 25%",                     // 8
            "  outcomes:",                           // 9
            "    - {code: ae-atendance, count: 3}",  // 10
            "    - {code: ambulance-call-out, count: '-1'}", // 11
            "visibility: hidden",                    // 12
            "team: [a, b]",                          // 13
        ], extra: ["forum: 2026-13"])                // 4
        #expect(entry == nil)
        #expect(problems == [
            Self.problem(12, .invalidVisibility("hidden")),
            Self.problem(4, .invalidMonth(key: "forum", value: "2026-13")),
            Self.problem(5, .unknownPrinciple("no-wrong-front-dor", suggestion: "no-wrong-front-door")),
            Self.problem(10, .unknownOutcomeCode("ae-atendance", suggestion: "ae-attendance")),
            Self.problem(11, .invalidCount("-1")),
            Self.problem(13, .wrongType(key: "team", expected: "a single line of text")),
        ])
    }

    @Test("ROIParser used directly reports lines of its own document")
    func directLines() {
        let (block, problems) = Self.parseBlock("""
            cost: 50
            outcomes:
              - code: ambulance-cal-out
                count: 2
            attribution: 101
            """)
        #expect(block == nil)
        #expect(problems == [
            Problem(file: "roi.yaml", line: 5, .invalidPercentage(key: "attribution", value: "101")),
            Problem(file: "roi.yaml", line: 3, .unknownOutcomeCode("ambulance-cal-out",
                                                                   suggestion: "ambulance-call-out")),
        ])
    }
}
