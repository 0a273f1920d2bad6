import Foundation
import Testing
@testable import BrightspotsCore

@Suite("UnitCostTable")
struct UnitCostTableTests {
    static let file = "Content/unit-costs.yaml"

    static func problem(_ line: Int?, _ reason: Problem.Reason) -> Problem {
        Problem(file: file, line: line, reason)
    }

    static func parse(_ text: String) -> (UnitCostTable?, [Problem]) {
        UnitCostTable.parse(text, file: file)
    }

    /// A table of one valid row followed by `rows`; lines are numbered in the comments of each test.
    /// Line 1 is "costs:", the valid row takes lines 2–11, so further rows start on line 12.
    static func table(_ rows: [String]) -> String {
        ([
            "costs:",                                   // 1
            "  - code: ae-attendance",                  // 2
            "    label: A&E attendance",                // 3
            "    unit: per attendance",                 // 4
            "    value: 116.64",                        // 5
            "    price_year: 2015/16",                  // 6
            "    value_type: fiscal",                   // 7
            "    source: NHS Reference Costs 2011-12",  // 8
            "    source_year: 2011/12",                 // 9
            "    rating: green",                        // 10
            "    source_code: HE4.0",                   // 11
        ] + rows).joined(separator: "\n") + "\n"
    }

    /// A complete second row starting on line 12 (code 12, label 13, unit 14, value 15, price_year 16, value_type 17,
    /// source 18, source_year 19, rating 20), with values replaced or keys removed.
    static func secondRow(_ replacing: [String: String] = [:], removing: Set<String> = []) -> [String] {
        let keys: [(String, String)] = [
            ("code", "ambulance-call-out"), ("label", "Ambulance call-out"), ("unit", "per call-out"),
            ("value", "222.75"), ("price_year", "2015/16"), ("value_type", "fiscal"),
            ("source", "NHS Reference Costs 2013-14"), ("source_year", "2013/14"), ("rating", "green"),
        ]
        var lines: [String] = []
        for (key, value) in keys {
            guard !removing.contains(key) else { continue }
            lines.append((lines.isEmpty ? "  - " : "    ") + "\(key): \(replacing[key] ?? value)")
        }
        return lines
    }

    @Test("a valid table parses with exact values")
    func valid() throws {
        let (parsed, problems) = Self.parse(ROIFixtures.unitCostsYAML)
        #expect(problems == [])
        let table = try #require(parsed)
        #expect(table.note == "Test figures from the GMCA Unit Cost Database v1.4.")
        #expect(table.codes == ["ae-attendance", "ambulance-call-out", "rough-sleeper", "arrest-detained",
                                "crime-incident-economic", "crime-incident-social"])
        #expect(table.cost("ae-attendance") == UnitCost(
            code: "ae-attendance", sourceCode: "HE4.0", label: "A&E attendance", unit: "per attendance",
            value: ROIFixtures.money("116.64"), priceYear: "2015/16", valueType: .fiscal,
            source: "NHS Reference Costs 2011-12", sourceYear: "2011/12", rating: .green))
        // "8,605.34" and "£718.50" are read as pounds; Value types and ratings are case-insensitive.
        #expect(table.cost("rough-sleeper")?.value.pounds == ROIFixtures.dec("8605.34"))
        #expect(table.cost("arrest-detained")?.value.pounds == ROIFixtures.dec("718.5"))
        #expect(table.cost("crime-incident-economic")?.valueType == .economic)
        #expect(table.cost("crime-incident-economic")?.value.pounds == 676)
        #expect(table.cost("crime-incident-economic")?.priceYear == "2010/11")
        let social = try #require(table.cost("crime-incident-social"))
        #expect(social.valueType == .social)
        #expect(social.rating == .red)
        #expect(social.sourceYear == nil)
        #expect(social.value.pounds == 1648)
        #expect(table.cost("ae-atendance") == nil)
    }

    @Test("figures whose original estimate predates 2010 are old", arguments: [
        ("2006/07", true), ("2009/10", true), ("2002/03", true), ("2010/11", false), ("2011/12", false),
        ("2015", false), ("unknown", false),
    ])
    func isOld(sourceYear: String, expected: Bool) {
        #expect(ROIFixtures.unit("x", "1", sourceYear: sourceYear).isOld == expected)
    }

    @Test("a figure with no source year is not flagged as old")
    func noSourceYear() {
        #expect(ROIFixtures.unit("x", "1", sourceYear: nil).isOld == false)
        #expect(ROIFixtures.table.cost("arrest-detained")?.isOld == true)
        #expect(ROIFixtures.table.cost("ae-attendance")?.isOld == false)
    }

    @Test("value types sort fiscal, economic, social and have labels")
    func valueTypes() {
        #expect([ValueType.social, .fiscal, .economic].sorted() == [.fiscal, .economic, .social])
        #expect(!(ValueType.social < ValueType.fiscal))
        #expect(ValueType.economic.label == "Economic")
    }

    @Test("the second row of the helper table parses too")
    func helperTable() throws {
        let (parsed, problems) = Self.parse(Self.table(Self.secondRow()))
        #expect(problems == [])
        let table = try #require(parsed)
        #expect(table.codes == ["ae-attendance", "ambulance-call-out"])
        #expect(table.cost("ambulance-call-out")?.value == ROIFixtures.money("222.75"))
        #expect(table.cost("ambulance-call-out")?.sourceCode == nil)
        #expect(table.note == "")
    }

    @Test("a duplicate code is reported at the second definition")
    func duplicateCode() {
        let (table, problems) = Self.parse(Self.table(Self.secondRow(["code": "ae-attendance"])))
        #expect(table == nil)
        #expect(problems == [Self.problem(12, .duplicateName(what: "unit cost", name: "ae-attendance"))])
    }

    @Test("an invalid value type is reported at its line")
    func invalidValueType() {
        let (table, problems) = Self.parse(Self.table(Self.secondRow(["value_type": "cashable"])))
        #expect(table == nil)
        #expect(problems == [Self.problem(17, .invalidValueType("cashable"))])
    }

    @Test("an invalid rating is reported at its line")
    func invalidRating() {
        let (table, problems) = Self.parse(Self.table(Self.secondRow(["rating": "blue"])))
        #expect(table == nil)
        #expect(problems == [Self.problem(20, .invalidRating("blue"))])
    }

    @Test("a value that is not an amount in pounds is reported at its line", arguments: [
        "lots", "£abc", "-222.75", "1e3", "222,75.5.1",
    ])
    func invalidValue(value: String) {
        let (table, problems) = Self.parse(Self.table(Self.secondRow(["value": "'\(value)'"])))
        #expect(table == nil)
        #expect(problems == [Self.problem(15, .invalidMoney(key: "value", value: value))])
    }

    @Test("missing required keys are each reported at the row's first line")
    func missingKeys() {
        let (table, problems) = Self.parse(Self.table(Self.secondRow(removing: ["label", "value", "source", "rating"])))
        #expect(table == nil)
        #expect(problems == [
            Self.problem(12, .missingKey("label")),
            Self.problem(12, .missingKey("value")),
            Self.problem(12, .missingKey("source")),
            Self.problem(12, .missingKey("rating")),
        ])
    }

    @Test("a row with only a code reports every other required key")
    func onlyCode() {
        let (table, problems) = Self.parse(Self.table(["  - code: lonely"]))
        #expect(table == nil)
        #expect(problems == ["label", "unit", "value", "price_year", "value_type", "source", "rating"].map {
            Self.problem(12, .missingKey($0))
        })
    }

    @Test("an unknown key in a row suggests the nearest")
    func unknownRowKey() {
        let (table, problems) = Self.parse(Self.table(Self.secondRow() + ["    valeu_type: fiscal"]))
        #expect(table == nil)
        #expect(problems == [Self.problem(21, .unknownKey("valeu_type", allowed: UnitCostTable.rowKeys,
                                                           suggestion: "value_type"))])
    }

    @Test("an unknown top-level key is reported")
    func unknownTopKey() {
        let (table, problems) = Self.parse("notes: x\n" + Self.table([]))
        #expect(table == nil)
        #expect(problems == [Self.problem(1, .unknownKey("notes", allowed: ["note", "costs"], suggestion: "note"))])
    }

    @Test("a code that is not a slug is reported")
    func invalidCode() {
        let (table, problems) = Self.parse(Self.table(Self.secondRow(["code": "A&E"])))
        #expect(table == nil)
        #expect(problems == [Self.problem(12, .invalidSlug("A&E"))])
    }

    @Test("several problems in different rows are all reported")
    func severalProblems() {
        let third = Self.secondRow(["code": "third", "value": "abc", "rating": "purple"])
        let (table, problems) = Self.parse(Self.table(Self.secondRow(["value_type": "monetary"]) + third))
        #expect(table == nil)
        // The second row takes lines 12–20, the third 21–29.
        #expect(problems == [
            Self.problem(17, .invalidValueType("monetary")),
            Self.problem(24, .invalidMoney(key: "value", value: "abc")),
            Self.problem(29, .invalidRating("purple")),
        ])
    }

    @Test("a required key written with an empty value is reported at its line, not silently dropped", arguments: [
        ("code", 12), ("label", 13), ("unit", 14), ("value", 15), ("price_year", 16), ("value_type", 17),
        ("source", 18), ("rating", 20),
    ])
    func emptyRequiredValue(key: String, line: Int) {
        // A required value left empty must not make the row vanish without a word.
        let (table, problems) = Self.parse(Self.table(Self.secondRow([key: "''"])))
        #expect(table == nil, "the row with an empty \(key) was dropped and the table accepted")
        #expect(problems == [Self.problem(line, .emptyValue(key: key))])
    }

    @Test("costs written as a mapping instead of a list is reported, not read as an empty table")
    func costsNotAList() {
        let (table, problems) = Self.parse("costs:\n  code: ae-attendance\n  value: 116.64\n")
        #expect(table == nil, "parsed as \(String(describing: table))")
        #expect(problems.count == 1)
        #expect(problems.first?.file == Self.file)
        if case .wrongType(key: "costs", _)? = problems.first?.reason {} else {
            Issue.record("expected wrongType for costs, got \(problems)")
        }
    }

    @Test("a row that is not a mapping is reported")
    func rowNotAMapping() {
        let (table, problems) = Self.parse(Self.table(["  - just text"]))
        #expect(table == nil)
        #expect(problems == [Self.problem(12, .notAMapping(what: "a unit cost"))])
    }

    @Test("invalid YAML is one problem with its line")
    func invalidYAML() {
        let (table, problems) = Self.parse("costs:\n  - code: [unclosed\n")
        #expect(table == nil)
        #expect(problems.count == 1)
        #expect(problems.first?.file == Self.file)
        if case .invalidYAML = problems.first?.reason {} else { Issue.record("expected invalidYAML: \(problems)") }
    }
}

@Suite("SiteConfig roi defaults")
struct SiteConfigROITests {
    static let file = "Content/site.yaml"
    static let base = "title: T\nkinds:\n  aar:\n    label: AAR\n"  // lines 1–4

    @Test("roi: {deadweight: 25, attribution: 25} is read into roiDefaults")
    func defaults() throws {
        let (config, problems) = SiteConfig.parse(Self.base + "roi: {deadweight: 25, attribution: 25}\n",
                                                  file: Self.file)
        #expect(problems == [])
        #expect(try #require(config).roiDefaults == ROIDefaults(deadweight: 25, attribution: 25))
    }

    @Test("a block roi with a percentage sign and a decimal")
    func blockForm() throws {
        let (config, problems) = SiteConfig.parse(Self.base + "roi:\n  deadweight: 12.5%\n  attribution: 0\n",
                                                  file: Self.file)
        #expect(problems == [])
        #expect(try #require(config).roiDefaults == ROIDefaults(deadweight: ROIFixtures.dec("12.5"), attribution: 0))
    }

    @Test("without roi the defaults are zero; a missing half is zero")
    func absent() throws {
        let (config, _) = SiteConfig.parse(Self.base, file: Self.file)
        #expect(try #require(config).roiDefaults == ROIDefaults(deadweight: 0, attribution: 0))
        let (half, problems) = SiteConfig.parse(Self.base + "roi: {attribution: 50}\n", file: Self.file)
        #expect(problems == [])
        #expect(try #require(half).roiDefaults == ROIDefaults(deadweight: 0, attribution: 50))
        #expect(TestVocabulary.site.roiDefaults == ROIDefaults())
    }

    @Test("a default over 100 is rejected at its line")
    func over100() {
        let (config, problems) = SiteConfig.parse(Self.base + "roi:\n  deadweight: 150\n  attribution: -5\n",
                                                  file: Self.file)
        #expect(config == nil)
        #expect(problems == [
            Problem(file: Self.file, line: 6, .invalidPercentage(key: "deadweight", value: "150")),
            Problem(file: Self.file, line: 7, .invalidPercentage(key: "attribution", value: "-5")),
        ])
    }

    @Test("an unknown key in roi suggests the nearest; roi must be a mapping")
    func unknownKey() {
        let (config, problems) = SiteConfig.parse(Self.base + "roi: {dedweight: 25}\n", file: Self.file)
        #expect(config == nil)
        #expect(problems == [Problem(file: Self.file, line: 5, .unknownKey(
            "dedweight", allowed: ["deadweight", "attribution"], suggestion: "deadweight"))])
        let (scalar, scalarProblems) = SiteConfig.parse(Self.base + "roi: 25\n", file: Self.file)
        #expect(scalar == nil)
        #expect(scalarProblems == [Problem(file: Self.file, line: 5, .notAMapping(what: "roi"))])
    }
}
