import Foundation
import Testing
@testable import BrightspotsCore

/// Random but reproducible ledgers: every choice comes from a SplitMix64 seeded by the test's argument, so a failure
/// names its seed and ledger number and can be replayed.
struct RandomLedgers {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let kinds = ["aar", "bright-spot", "peer-support"]
    static let tags = ["housing", "mental-health", "outreach", "wellbeing", "money-advice", "police"]
    static let principles = ["no-wrong-front-door", "easy-and-fast-support", "study-success-and-share-it",
                             "support-those-who-support"]
    static let teams = ["Revenues", "Housing options", "Outreach team"]
    static let percentages: [Decimal] = [0, 10, 25, 33, 50, 75, 100]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
    mutating func some<T>(of items: [T], upTo limit: Int) -> [T] {
        Array(items.shuffled(using: &rng).prefix(int(0...limit)))
    }

    /// Pounds and pence in the range, as an exact Decimal (a whole number of pence divided by 100).
    mutating func pounds(_ range: ClosedRange<Int>) -> Decimal { Decimal(int(range)) / 100 }

    /// 3–10 unit costs; the first three are fiscal, economic and social, so every type appears.
    mutating func table() -> UnitCostTable {
        let count = int(3...10)
        let types: [ValueType] = [.fiscal, .economic, .social]
        return UnitCostTable(costs: (0..<count).map { index in
            UnitCost(code: "cost-\(index)", sourceCode: nil, label: "Cost \(index)", unit: "per incident",
                     value: Money(pounds(1...2_000_000)), priceYear: "2015/16",
                     valueType: index < 3 ? types[index] : pick(types), source: "Random",
                     sourceYear: chance(50) ? "2006/07" : "2013/14", rating: pick(QualityRating.allCases))
        })
    }

    /// Whole counts 0–12, or decimal counts in hundredths up to 10.
    mutating func count() -> Decimal {
        chance(50) ? Decimal(int(0...12)) : Decimal(int(1...1000)) / 100
    }

    mutating func block(codes: [String]) -> ROIBlock {
        let cost = chance(10) ? Decimal(0) : pounds(0...500_000)
        let outcomes = (0..<int(1...4)).map { _ in
            ROIOutcome(code: pick(codes), count: count(), period: nil, note: nil)
        }
        return ROIBlock(cost: Money(cost), paidFor: nil, outcomes: outcomes,
                        deadweight: chance(60) ? pick(Self.percentages) : nil,
                        attribution: chance(60) ? pick(Self.percentages) : nil)
    }

    mutating func entry(_ index: Int, codes: [String]) -> Entry {
        let date = Day(year: int(2025...2026), month: int(1...12), day: int(1...28))!
        let kind = pick(Self.kinds)
        return Entry(slug: "entry-\(index)", file: "Content/\(kind)/\(date.year)/entry-\(index).md", kind: kind,
                     title: "Entry \(index)", date: date, author: "anonymous",
                     team: chance(60) ? pick(Self.teams) : nil,
                     tags: some(of: Self.tags, upTo: 3), principles: some(of: Self.principles, upTo: 3),
                     summary: "", forum: nil, visibility: .public, draft: false, related: [],
                     roi: block(codes: codes), body: "", bodyLine: 1)
    }

    /// One random ledger: a table, defaults, and 0–25 entries with their ledgers.
    mutating func ledger() -> (table: UnitCostTable, defaults: ROIDefaults,
                               pairs: [(entry: Entry, ledger: EntryLedger)]) {
        let table = table()
        let defaults = ROIDefaults(deadweight: pick(Self.percentages), attribution: pick(Self.percentages))
        let entries = (0..<int(0...25)).map { entry($0, codes: table.codes) }
        let pairs = entries.map { entry in
            (entry: entry, ledger: Ledger.entry(entry, table: table, defaults: defaults)!)
        }
        return (table, defaults, pairs)
    }
}

@Suite("Tally properties over random ledgers")
struct TallyPropertyTests {
    static let seeds: [UInt64] = [1, 2, 3, 42, 2026, 0x5EED_CAFE_F00D]
    static let ledgersPerSeed = 200
    // The property tests use #require so that each seed stops at its first failing ledger, named in the comment.

    @Test("SplitMix64 matches the reference sequence, so seeds reproduce")
    func generator() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        var a = RandomLedgers(seed: 7)
        var b = RandomLedgers(seed: 7)
        let left = a.ledger()
        let right = b.ledger()
        #expect(left.table == right.table)
        #expect(left.pairs.map(\.entry) == right.pairs.map(\.entry))
    }

    @Test("every grouping's rows add up exactly to the overall totals", arguments: seeds)
    func groupsAddUp(seed: UInt64) throws {
        var random = RandomLedgers(seed: seed)
        for number in 0..<Self.ledgersPerSeed {
            let (_, _, pairs) = random.ledger()
            let where_ = "seed \(seed), ledger \(number)"
            let ledgers = pairs.map(\.ledger)
            let overall = Tally.overall(ledgers)

            // The overall is the sum of each entry's totals (added here in the other order).
            var summed = Totals()
            for ledger in ledgers.reversed() { summed = summed + ledger.totals }
            try #require(overall == summed, "\(where_)")
            try #require(overall.entries == pairs.count, "\(where_)")

            for grouping in Grouping.allCases {
                let rows = Tally.group(pairs, by: grouping)
                let keys = rows.map(\.key)
                try #require(keys == keys.sorted(), "\(where_), \(grouping): keys not sorted")
                try #require(Set(keys).count == keys.count, "\(where_), \(grouping): repeated key")
                let expectedKeys = Set(pairs.flatMap { grouping.keys(of: $0.entry) })
                try #require(Set(keys) == expectedKeys, "\(where_), \(grouping)")

                var sum = Totals()
                for row in rows { sum = sum + row.totals }
                try #require(sum.cost.pounds == overall.cost.pounds, "\(where_), \(grouping): cost")
                for type in ValueType.allCases {
                    try #require(sum.gross[type].pounds == overall.gross[type].pounds,
                                 "\(where_), \(grouping): gross \(type)")
                    try #require(sum.adjusted[type].pounds == overall.adjusted[type].pounds,
                                 "\(where_), \(grouping): adjusted \(type)")
                }

                // Entry counts: exact for groupings that place an entry once; for tags and principles each row
                // counts every entry that has its key.
                if grouping.shares {
                    for row in rows {
                        let having = pairs.filter { grouping.keys(of: $0.entry).contains(row.key) }.count
                        try #require(row.totals.entries == having, "\(where_), \(grouping) \(row.key): entries")
                    }
                } else {
                    try #require(sum.entries == pairs.count, "\(where_), \(grouping): entries")
                }
            }
        }
    }

    @Test("each entry's ledger matches a model computed independently", arguments: seeds)
    func ledgerMatchesModel(seed: UInt64) throws {
        var random = RandomLedgers(seed: seed)
        for number in 0..<Self.ledgersPerSeed {
            let (table, defaults, pairs) = random.ledger()
            for (entry, ledger) in pairs {
                let where_ = "seed \(seed), ledger \(number), \(entry.slug)"
                let block = entry.roi!
                let deadweight = block.deadweight ?? defaults.deadweight
                let attribution = block.attribution ?? defaults.attribution
                // (1 − d/100) × (1 − a/100), written differently from the source's (100 − d)(100 − a)/10,000.
                let factor = (1 - deadweight / 100) * (1 - attribution / 100)
                var gross: [ValueType: Decimal] = [.fiscal: 0, .economic: 0, .social: 0]
                for outcome in block.outcomes {
                    let cost = table.cost(outcome.code)!
                    gross[cost.valueType]! += cost.value.pounds * outcome.count
                }
                try #require(ledger.slug == entry.slug, "\(where_)")
                try #require(ledger.lines.count == block.outcomes.count, "\(where_)")
                try #require(ledger.adjustmentFactor == factor, "\(where_)")
                try #require(ledger.totals.entries == 1, "\(where_)")
                try #require(ledger.totals.cost.pounds == block.cost.pounds, "\(where_)")
                for type in ValueType.allCases {
                    try #require(ledger.totals.gross[type].pounds == gross[type]!, "\(where_): gross \(type)")
                    try #require(ledger.totals.adjusted[type].pounds == gross[type]! * factor,
                                 "\(where_): adjusted \(type)")
                    try #require(ledger.totals.adjusted[type] <= ledger.totals.gross[type], "\(where_)")
                    try #require(ledger.totals.adjusted[type] >= .zero, "\(where_)")
                }
                let lineSum = ledger.lines.reduce(Money.zero) { $0 + $1.adjusted }
                let typeSum = ValueType.allCases.reduce(Money.zero) { $0 + ledger.totals.adjusted[$1] }
                try #require(lineSum.pounds == typeSum.pounds, "\(where_)")
                try #require(ledger.totals.netFiscal.pounds == (ledger.totals.adjusted.fiscal - block.cost).pounds,
                             "\(where_)")
                if block.cost == .zero {
                    try #require(ledger.totals.ratio == nil, "\(where_)")
                } else {
                    try #require(ledger.totals.ratio == ledger.totals.adjusted.fiscal.pounds / block.cost.pounds,
                                 "\(where_)")
                }
            }
        }
    }

    @Test("splitting random totals into 1–12 parts adds back exactly", arguments: seeds)
    func splitAddsBack(seed: UInt64) throws {
        var random = RandomLedgers(seed: seed)
        for number in 0..<Self.ledgersPerSeed {
            var totals = Totals()
            totals.entries = random.int(1...5)
            totals.cost = Money(random.pounds(0...100_000_000))
            for type in ValueType.allCases {
                // Adjusted amounts with up to eight decimals, like gross × a factor such as 0.4489.
                totals.gross[type] = Money(random.pounds(0...100_000_000))
                totals.adjusted[type] = Money(Decimal(random.int(0...Int(Int32.max))) / 10_000_000)
            }
            let parts = random.int(1...12)
            let shares = totals.split(into: parts)
            let sum = shares.dropFirst().reduce(shares[0]) { $0 + $1 }
            let where_ = "seed \(seed), case \(number), \(parts) parts"
            try #require(shares.count == parts, "\(where_)")
            try #require(shares.allSatisfy { $0.entries == totals.entries }, "\(where_)")
            try #require(sum.cost.pounds == totals.cost.pounds, "\(where_)")
            for type in ValueType.allCases {
                try #require(sum.gross[type].pounds == totals.gross[type].pounds, "\(where_): gross \(type)")
                try #require(sum.adjusted[type].pounds == totals.adjusted[type].pounds,
                             "\(where_): adjusted \(type)")
            }
        }
    }
}

@Suite("Tally")
struct TallyTests {
    static func dec(_ text: String) -> Decimal { ROIFixtures.dec(text) }
    static func money(_ text: String) -> Money { ROIFixtures.money(text) }

    /// Three entries, worked by hand (no deadweight or attribution):
    ///   a: aar, May 2026, tags [housing, outreach], team Revenues, cost £100, A&E × 3 = £349.92
    ///   b: bright-spot, May 2026, tags [housing], no team, cost £0, ambulance × 2 = £445.50
    ///   c: aar, June 2026, no tags, team Revenues, cost £10, economic crime × 1 = £676
    static func pairs() throws -> [(entry: Entry, ledger: EntryLedger)] {
        let entries = [
            ROIFixtures.entry("a", kind: "aar", date: "2026-05-03", tags: ["housing", "outreach"],
                              principles: ["no-wrong-front-door"], team: "Revenues",
                              roi: ROIFixtures.block(cost: "100", [ROIFixtures.outcome("ae-attendance", "3")])),
            ROIFixtures.entry("b", kind: "bright-spot", date: "2026-05-20", tags: ["housing"],
                              roi: ROIFixtures.block(cost: "0", [ROIFixtures.outcome("ambulance-call-out", "2")])),
            ROIFixtures.entry("c", kind: "aar", date: "2026-06-01", team: "Revenues",
                              roi: ROIFixtures.block(cost: "10",
                                                     [ROIFixtures.outcome("crime-incident-economic", "1")])),
        ]
        return try entries.map { entry in
            (entry: entry, ledger: try #require(Ledger.entry(entry, table: ROIFixtures.table,
                                                             defaults: ROIDefaults())))
        }
    }

    @Test("grouping by kind, team and month places each entry once; an entry with no team falls under \"\"")
    func singleGroups() throws {
        let pairs = try Self.pairs()
        let byKind = Tally.group(pairs, by: .kind)
        #expect(byKind.map(\.key) == ["aar", "bright-spot"])
        #expect(byKind.map(\.totals.entries) == [2, 1])
        #expect(byKind.map(\.totals.cost) == [Self.money("110"), .zero])
        #expect(byKind.map(\.totals.adjusted.fiscal) == [Self.money("349.92"), Self.money("445.50")])
        #expect(byKind.map(\.totals.adjusted.economic) == [Self.money("676"), .zero])
        #expect(byKind[1].totals.ratio == nil)

        let byTeam = Tally.group(pairs, by: .team)
        #expect(byTeam.map(\.key) == ["", "Revenues"])
        #expect(byTeam.map(\.totals.cost) == [.zero, Self.money("110")])

        let byMonth = Tally.group(pairs, by: .month)
        #expect(byMonth.map(\.key) == ["2026-05", "2026-06"])
        #expect(byMonth.map(\.totals.gross.fiscal) == [Self.money("795.42"), .zero])
        #expect(byMonth.map(\.totals.entries) == [2, 1])
    }

    @Test("grouping by tag shares an entry equally among its tags")
    func tagShares() throws {
        // a's £100 cost and £349.92 benefit are halved between housing and outreach: £50 and £174.96 each.
        // housing = a's half + b: cost £50, fiscal £174.96 + £445.50 = £620.46; outreach = a's other half.
        // c has no tags and falls under "": cost £10, economic £676.
        let rows = Tally.group(try Self.pairs(), by: .tag)
        #expect(rows.map(\.key) == ["", "housing", "outreach"])
        #expect(rows.map(\.totals.entries) == [1, 2, 1])
        #expect(rows.map(\.totals.cost) == [Self.money("10"), Self.money("50"), Self.money("50")])
        #expect(rows.map(\.totals.adjusted.fiscal) == [.zero, Self.money("620.46"), Self.money("174.96")])
        #expect(rows.map(\.totals.adjusted.economic) == [Self.money("676"), .zero, .zero])
        #expect(rows[2].totals.ratio == Self.dec("3.4992"))
        let overall = Tally.overall(try Self.pairs().map(\.ledger))
        #expect(overall.cost == Self.money("110"))
        #expect(overall.adjusted.fiscal == Self.money("795.42"))
        // 795.42 ÷ 110 = 7.231090…, shown "7.23".
        #expect(ExactNumber.fixed(try #require(overall.ratio), scale: 2) == "7.23")
    }

    @Test("grouping keys of an entry", arguments: Grouping.allCases)
    func keys(grouping: Grouping) throws {
        let entry = try Self.pairs()[0].entry
        let expected: [Grouping: [String]] = [
            .kind: ["aar"], .tag: ["housing", "outreach"], .principle: ["no-wrong-front-door"],
            .team: ["Revenues"], .month: ["2026-05"],
        ]
        #expect(grouping.keys(of: entry) == expected[grouping])
        #expect(grouping.shares == (grouping == .tag || grouping == .principle))
        let bare = ROIFixtures.entry("bare", roi: nil)
        if grouping == .tag || grouping == .principle || grouping == .team {
            #expect(grouping.keys(of: bare) == [""])
        }
    }
}
