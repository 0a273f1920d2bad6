import Foundation
import Testing
@testable import BrightspotsCore

@Suite("Ledger")
struct LedgerTests {
    static func dec(_ text: String) -> Decimal { ROIFixtures.dec(text) }
    static func money(_ text: String) -> Money { ROIFixtures.money(text) }
    static func outcome(_ code: String, _ count: String) -> ROIOutcome { ROIFixtures.outcome(code, count) }

    /// A block costing `cost` with optional deadweight and attribution percentages.
    static func block(_ cost: String, _ outcomes: [ROIOutcome], _ deadweight: String? = nil,
                      _ attribution: String? = nil) -> ROIBlock {
        ROIFixtures.block(cost: cost, outcomes, deadweight: deadweight, attribution: attribution)
    }

    // MARK: Hand-worked examples

    @Test("A&E and ambulance: gross, adjustment, net and ratio worked by hand")
    func handWorked() throws {
        // A&E attendance        £116.64 × 3 = £349.92
        // Ambulance call-out    £222.75 × 2 = £445.50
        // Gross fiscal                        £795.42
        // Deadweight 25%, attribution 50%: factor (1 − 0.25) × (1 − 0.50) = 0.75 × 0.5 = 0.375
        // Adjusted lines: £349.92 × 0.375 = £131.22;  £445.50 × 0.375 = £167.0625
        // Adjusted fiscal £795.42 × 0.375 = £298.2825 (= £131.22 + £167.0625), shown "£298.28"
        // Cost £100 → net £298.2825 − £100 = £198.2825, shown "£198.28"
        // Ratio £298.2825 ÷ £100 = 2.982825, shown "2.98"
        let ledger = try ROIFixtures.ledger(Self.block("100", [
            Self.outcome("ae-attendance", "3"), Self.outcome("ambulance-call-out", "2"),
        ], "25", "50"))
        #expect(ledger.slug == "example")
        #expect(ledger.deadweight == 25)
        #expect(ledger.attribution == 50)
        #expect(ledger.adjustmentFactor == Self.dec("0.375"))

        #expect(ledger.lines.map(\.outcome.code) == ["ae-attendance", "ambulance-call-out"])
        #expect(ledger.lines.map(\.unitCost) == [ROIFixtures.table.cost("ae-attendance")!,
                                                  ROIFixtures.table.cost("ambulance-call-out")!])
        #expect(ledger.lines.map(\.gross) == [Self.money("349.92"), Self.money("445.50")])
        #expect(ledger.lines.map(\.adjusted) == [Self.money("131.22"), Self.money("167.0625")])

        let totals = ledger.totals
        #expect(totals.entries == 1)
        #expect(totals.cost == Self.money("100"))
        #expect(totals.gross.fiscal == Self.money("795.42"))
        #expect(totals.adjusted.fiscal == Self.money("298.2825"))
        #expect(totals.adjusted.fiscal.display == "£298.28")
        #expect(totals.netFiscal == Self.money("198.2825"))
        #expect(totals.netFiscal.display == "£198.28")
        let ratio = try #require(totals.ratio)
        #expect(ratio == Self.dec("2.982825"))
        #expect(ExactNumber.fixed(ratio, scale: 2) == "2.98")
        #expect(totals.gross.economic == .zero)
        #expect(totals.gross.social == .zero)
        #expect(totals.adjusted.economic == .zero)
        #expect(totals.adjusted.social == .zero)
    }

    @Test("a decimal count: a quarter of a rough sleeper's year")
    func decimalCount() throws {
        // £8,605.34 × 0.25 = £2,151.335 exactly (shown "£2,151.34"); no deadweight or attribution.
        // Cost £450.10 → net £1,701.235 ("£1,701.24"); ratio 2151.335 ÷ 450.10 = 4.7796…, shown "4.78".
        let ledger = try ROIFixtures.ledger(Self.block("450.10", [Self.outcome("rough-sleeper", "0.25")]))
        #expect(ledger.lines.map(\.gross) == [Self.money("2151.335")])
        #expect(ledger.lines.map(\.adjusted) == [Self.money("2151.335")])
        #expect(ledger.totals.adjusted.fiscal.display == "£2,151.34")
        #expect(ledger.totals.netFiscal == Self.money("1701.235"))
        #expect(ledger.totals.netFiscal.display == "£1,701.24")
        #expect(ExactNumber.fixed(try #require(ledger.totals.ratio), scale: 2) == "4.78")
        #expect(ledger.adjustmentFactor == 1)
    }

    @Test("the site's defaults apply when the block gives no deadweight or attribution")
    func defaultsApply() throws {
        // Defaults 25% and 25%: factor 0.75 × 0.75 = 0.5625. £116.64 × 4 = £466.56; × 0.5625 = £262.44.
        let defaults = ROIDefaults(deadweight: 25, attribution: 25)
        let ledger = try ROIFixtures.ledger(Self.block("0", [Self.outcome("ae-attendance", "4")]), defaults: defaults)
        #expect(ledger.deadweight == 25)
        #expect(ledger.attribution == 25)
        #expect(ledger.adjustmentFactor == Self.dec("0.5625"))
        #expect(ledger.totals.gross.fiscal == Self.money("466.56"))
        #expect(ledger.totals.adjusted.fiscal == Self.money("262.44"))
    }

    @Test("the block's own deadweight and attribution override the defaults, even when zero")
    func blockOverrides() throws {
        let defaults = ROIDefaults(deadweight: 25, attribution: 25)
        let outcomes = [Self.outcome("ae-attendance", "4")]  // gross £466.56

        // Both given: deadweight 0, attribution 10 → factor 1 × 0.9 = 0.9 → £419.904.
        let both = try ROIFixtures.ledger(Self.block("0", outcomes, "0", "10"), defaults: defaults)
        #expect(both.deadweight == 0)
        #expect(both.attribution == 10)
        #expect(both.totals.adjusted.fiscal == Self.money("419.904"))

        // Only deadweight 50 given: attribution falls back to 25 → 0.5 × 0.75 = 0.375 → £174.96.
        let half = try ROIFixtures.ledger(Self.block("0", outcomes, "50"), defaults: defaults)
        #expect(half.deadweight == 50)
        #expect(half.attribution == 25)
        #expect(half.totals.adjusted.fiscal == Self.money("174.96"))

        // Only attribution 0 given: deadweight falls back to 25 → 0.75 → £349.92.
        let other = try ROIFixtures.ledger(Self.block("0", outcomes, nil, "0"), defaults: defaults)
        #expect(other.deadweight == 25)
        #expect(other.attribution == 0)
        #expect(other.totals.adjusted.fiscal == Self.money("349.92"))
    }

    @Test("site.yaml defaults flow from SiteConfig to the ledger of a parsed entry")
    func endToEnd() throws {
        let siteYAML = TestVocabulary.siteYAML + "\nroi: {deadweight: 25, attribution: 50}\n"
        let (config, configProblems) = SiteConfig.parse(siteYAML, file: "Content/site.yaml")
        #expect(configProblems == [])
        let site = try #require(config)
        let vocabulary = Vocabulary(site: site, principles: TestVocabulary.principles, tags: TestVocabulary.tags,
                                    unitCosts: ROIFixtures.table)
        let text = """
            ---
            title: Fewer 999 calls
            date: 2026-05-14
            roi:
              cost: 100
              outcomes:
                - {code: ae-attendance, count: 3}
                - {code: ambulance-call-out, count: 2}
            ---

            """ + TestVocabulary.aarBody
        let (parsed, problems) = EntryParser.parse(text, at: TestVocabulary.location("Content/aar/2026/fewer-calls.md"),
                                                   vocabulary: vocabulary)
        #expect(problems == [])
        let entry = try #require(parsed)
        let ledger = try #require(Ledger.entry(entry, table: vocabulary.unitCosts, defaults: site.roiDefaults))
        // Same figures as the hand-worked example: £795.42 × 0.375 = £298.2825.
        #expect(ledger.slug == "fewer-calls")
        #expect(ledger.totals.adjusted.fiscal == Self.money("298.2825"))
        #expect(ledger.totals.ratio == Self.dec("2.982825"))
    }

    @Test("deadweight 100 leaves no adjusted benefit; the net is minus the cost")
    func deadweight100() throws {
        let ledger = try ROIFixtures.ledger(Self.block("250", [
            Self.outcome("ae-attendance", "3"), Self.outcome("crime-incident-social", "1"),
        ], "100", "0"))
        #expect(ledger.adjustmentFactor == 0)
        #expect(ledger.totals.gross.fiscal == Self.money("349.92"))
        #expect(ledger.totals.gross.social == Self.money("1648"))
        #expect(ledger.totals.adjusted == ValueAmounts())
        #expect(ledger.lines.map(\.adjusted) == [.zero, .zero])
        #expect(ledger.totals.netFiscal == Self.money("-250"))
        #expect(ledger.totals.netFiscal.display == "−£250.00")
        #expect(ledger.totals.ratio == 0)
    }

    @Test("attribution 100 also leaves nothing, as does a count of zero")
    func attribution100AndZeroCount() throws {
        let attributed = try ROIFixtures.ledger(Self.block("10", [Self.outcome("rough-sleeper", "1")], "0", "100"))
        #expect(attributed.totals.adjusted.fiscal == .zero)
        let none = try ROIFixtures.ledger(Self.block("10", [Self.outcome("rough-sleeper", "0")]))
        #expect(none.totals.gross.fiscal == .zero)
        #expect(none.lines.count == 1)
    }

    @Test("an entry without roi has no ledger")
    func noROI() {
        #expect(Ledger.entry(ROIFixtures.entry("plain", roi: nil), table: ROIFixtures.table,
                             defaults: ROIDefaults()) == nil)
    }

    // MARK: Zero cost

    @Test("zero cost: the ratio is absent, not infinite, and the net equals the adjusted fiscal benefit")
    func zeroCost() throws {
        // £222.75 × 2 = £445.50; deadweight 10 → factor 0.9 → £400.95.
        let ledger = try ROIFixtures.ledger(Self.block("0", [Self.outcome("ambulance-call-out", "2")], "10", "0"))
        #expect(ledger.totals.cost == .zero)
        #expect(ledger.totals.ratio == nil)
        #expect(ledger.totals.adjusted.fiscal == Self.money("400.95"))
        #expect(ledger.totals.netFiscal == ledger.totals.adjusted.fiscal)
        #expect(ledger.totals.netFiscal == Self.money("400.95"))
    }

    @Test("empty totals are zero everywhere with no ratio")
    func emptyTotals() {
        let totals = Totals()
        #expect(totals.entries == 0)
        #expect(totals.cost == .zero)
        #expect(totals.gross == ValueAmounts())
        #expect(totals.adjusted == ValueAmounts())
        for type in ValueType.allCases {
            #expect(totals.gross[type] == .zero)
            #expect(totals.adjusted[type] == .zero)
        }
        #expect(totals.netFiscal == .zero)
        #expect(totals.netFiscal.display == "£0.00")
        #expect(totals.ratio == nil)
        #expect(Tally.overall([]) == Totals())
        #expect(Tally.group([], by: .kind) == [])
        #expect(totals + totals == totals)
    }

    // MARK: Value types

    @Test("fiscal, economic and social values are kept apart; net and ratio are fiscal only")
    func valueTypesApart() throws {
        // Fiscal:   A&E £116.64 × 2 = £233.28
        // Economic: crime incident £676 × 1 = £676
        // Social:   crime incident £1,648 × 0.5 = £824
        // Deadweight 50, attribution 0 → factor 0.5: adjusted £116.64, £338, £412.
        // Cost £50 → net £116.64 − £50 = £66.64 (not £866.64); ratio 116.64 ÷ 50 = 2.3328.
        let ledger = try ROIFixtures.ledger(Self.block("50", [
            Self.outcome("ae-attendance", "2"),
            Self.outcome("crime-incident-economic", "1"),
            Self.outcome("crime-incident-social", "0.5"),
        ], "50", "0"))
        let totals = ledger.totals
        #expect(totals.gross.fiscal == Self.money("233.28"))
        #expect(totals.gross.economic == Self.money("676"))
        #expect(totals.gross.social == Self.money("824"))
        #expect(totals.adjusted.fiscal == Self.money("116.64"))
        #expect(totals.adjusted.economic == Self.money("338"))
        #expect(totals.adjusted.social == Self.money("412"))
        #expect(totals.netFiscal == Self.money("66.64"))
        #expect(totals.ratio == Self.dec("2.3328"))
        #expect(ledger.lines.map(\.unitCost.valueType) == [.fiscal, .economic, .social])
        #expect(ledger.lines.map(\.adjusted) == [Self.money("116.64"), Self.money("338"), Self.money("412")])
    }

    @Test("an entry with only economic and social value has no fiscal benefit: net is minus the cost, ratio 0")
    func noFiscal() throws {
        let ledger = try ROIFixtures.ledger(Self.block("75.50", [
            Self.outcome("crime-incident-economic", "2"), Self.outcome("crime-incident-social", "1"),
        ]))
        #expect(ledger.totals.adjusted.fiscal == .zero)
        #expect(ledger.totals.adjusted.economic == Self.money("1352"))
        #expect(ledger.totals.adjusted.social == Self.money("1648"))
        #expect(ledger.totals.netFiscal == Self.money("-75.50"))
        #expect(ledger.totals.netFiscal.display == "−£75.50")
        #expect(ledger.totals.ratio == 0)
    }

    @Test("ValueAmounts adds and scales each type separately")
    func valueAmounts() {
        var a = ValueAmounts()
        a.fiscal = Self.money("1.10")
        a[.economic] = Self.money("2.20")
        a[.social] = Self.money("3.30")
        var b = ValueAmounts()
        b[.fiscal] = Self.money("0.01")
        let sum = a + b
        #expect(sum.fiscal == Self.money("1.11"))
        #expect(sum.economic == Self.money("2.20"))
        #expect(sum.social == Self.money("3.30"))
        let scaled = a * Self.dec("0.5")
        #expect(scaled[.fiscal] == Self.money("0.55"))
        #expect(scaled[.economic] == Self.money("1.1"))
        #expect(scaled[.social] == Self.money("1.65"))
    }

    // MARK: Rounding only for display

    @Test("three entries of £0.335 show £0.34 each but total £1.005, shown £1.01")
    func roundingThree() throws {
        // £1.34 × 1 × (1 − 0.75) × (1 − 0) = £0.335 each. Shown rounded: £0.34 × 3 = £1.02.
        // Exact total £0.335 × 3 = £1.005, shown £1.01: the total is rounded once, from exact values.
        let table = UnitCostTable(costs: [ROIFixtures.unit("small", "1.34")])
        let ledgers = try (1...3).map { index in
            try ROIFixtures.ledger(Self.block("0", [Self.outcome("small", "1")], "75", "0"), slug: "e\(index)",
                                   table: table)
        }
        for ledger in ledgers {
            #expect(ledger.totals.adjusted.fiscal == Self.money("0.335"))
            #expect(ledger.totals.adjusted.fiscal.display == "£0.34")
        }
        let sumOfDisplays = ledgers.reduce(Decimal(0)) { $0 + $1.totals.adjusted.fiscal.roundedToPenny }
        #expect(sumOfDisplays == Self.dec("1.02"))
        let overall = Tally.overall(ledgers)
        #expect(overall.entries == 3)
        #expect(overall.adjusted.fiscal == Self.money("1.005"))
        #expect(overall.adjusted.fiscal.display == "£1.01")
        #expect(overall.gross.fiscal == Self.money("4.02"))
    }

    @Test("a thousand entries of £0.125 total exactly £125.00, not the £130.00 of rounded displays")
    func roundingThousand() throws {
        // £0.50 × 1 × (1 − 0.75) = £0.125 each, shown £0.13. 1,000 × £0.125 = £125.000 exactly;
        // summing the rounded £0.13s would give £130.00.
        let table = UnitCostTable(costs: [ROIFixtures.unit("half-pound", "0.50")])
        let ledgers = try (0..<1000).map { index in
            try ROIFixtures.ledger(Self.block("0.01", [Self.outcome("half-pound", "1")], "75", "0"),
                                   slug: "e\(index)", table: table)
        }
        #expect(ledgers[0].totals.adjusted.fiscal.display == "£0.13")
        let overall = Tally.overall(ledgers)
        #expect(overall.entries == 1000)
        #expect(overall.adjusted.fiscal == Self.money("125.000"))
        #expect(overall.adjusted.fiscal.display == "£125.00")
        #expect(overall.cost == Self.money("10"))
        #expect(overall.ratio == Self.dec("12.5"))
        let sumOfDisplays = ledgers.reduce(Decimal(0)) { $0 + $1.totals.adjusted.fiscal.roundedToPenny }
        #expect(sumOfDisplays == Self.dec("130.00"))
        #expect(Money(sumOfDisplays).display == "£130.00")
    }

    // MARK: Totals.split

    @Test("split shares add back exactly to the original", arguments: [
        ("100", 3, "33.3333333333", "33.3333333334"),
        ("0.01", 7, "0.0014285714", "0.0014285716"),
        ("1234567.89", 11, "112233.4445454545", "112233.444545455"),
        ("0", 4, "0", "0"),
        ("298.2825", 2, "149.14125", "149.14125"),
    ])
    func split(amount: String, parts: Int, share: String, last: String) {
        var totals = Totals()
        totals.entries = 1
        totals.cost = Self.money(amount)
        for type in ValueType.allCases {
            totals.gross[type] = Self.money(amount)
            totals.adjusted[type] = Self.money(amount)
        }
        let shares = totals.split(into: parts)
        #expect(shares.count == parts)
        #expect(shares.allSatisfy { $0.entries == 1 })
        // Every share but the last is the amount ÷ parts rounded to ten places; the last takes the remainder.
        #expect(shares.dropLast().allSatisfy { $0.cost == Self.money(share) })
        #expect(shares.last?.cost == Self.money(last))
        var sum = Totals()
        for part in shares { sum = sum + part }
        #expect(sum.cost == totals.cost)
        #expect(sum.gross == totals.gross)
        #expect(sum.adjusted == totals.adjusted)
        #expect(sum.entries == parts)
        for type in ValueType.allCases {
            #expect(shares.map(\.gross[type]) == shares.map(\.cost))
            #expect(shares.map(\.adjusted[type]) == shares.map(\.cost))
        }
    }

    @Test("split keeps different amounts apart and keeps the entry count")
    func splitMixed() {
        var totals = Totals()
        totals.entries = 5
        totals.cost = Self.money("100")
        totals.gross.fiscal = Self.money("0.01")
        totals.gross.economic = Self.money("1234567.89")
        totals.adjusted.social = Self.money("2151.335")
        let shares = totals.split(into: 3)
        #expect(shares.map(\.entries) == [5, 5, 5])
        let sum = shares.reduce(Totals()) { $0 + $1 }
        #expect(sum.cost == totals.cost)
        #expect(sum.gross == totals.gross)
        #expect(sum.adjusted == totals.adjusted)
        #expect(shares.allSatisfy { $0.adjusted.fiscal == .zero && $0.gross.social == .zero })
    }

    @Test("split into one part (or fewer) is the totals unchanged", arguments: [1, 0, -3])
    func splitOne(parts: Int) {
        var totals = Totals()
        totals.entries = 2
        totals.cost = Self.money("12.34")
        totals.adjusted.fiscal = Self.money("0.005")
        #expect(totals.split(into: parts) == [totals])
    }
}
