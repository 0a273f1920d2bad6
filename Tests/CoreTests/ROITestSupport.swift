import Foundation
import Testing
@testable import BrightspotsCore

/// Shared fixtures for the ROI tests: exact decimals from strings, a small unit-cost table, entries with roi blocks
/// and a seeded random number generator. Money is never built from a Double.
enum ROIFixtures {
    /// An exact Decimal from its written form; traps on a typo so fixtures cannot silently become zero.
    static func dec(_ text: String) -> Decimal {
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_GB")) else {
            preconditionFailure("not a decimal: \(text)")
        }
        return value
    }

    static func money(_ text: String) -> Money { Money(dec(text)) }

    static func unit(_ code: String, _ value: String, _ type: ValueType = .fiscal, label: String? = nil,
                     unit: String = "per incident", sourceYear: String? = "2011/12",
                     rating: QualityRating = .green) -> UnitCost {
        UnitCost(code: code, sourceCode: nil, label: label ?? code, unit: unit, value: money(value),
                 priceYear: "2015/16", valueType: type, source: "Test source", sourceYear: sourceYear,
                 rating: rating)
    }

    /// Figures from /work/shared/ROI.md (GMCA Unit Cost Database v1.4, 2015/16 prices) plus economic and social rows.
    static let unitCostsYAML = """
        note: Test figures from the GMCA Unit Cost Database v1.4.
        costs:
          - code: ae-attendance
            source_code: HE4.0
            label: A&E attendance
            unit: per attendance
            value: 116.64
            price_year: 2015/16
            value_type: fiscal
            source: NHS Reference Costs 2011-12
            source_year: 2011/12
            rating: green
          - code: ambulance-call-out
            source_code: HE3.0
            label: Ambulance call-out
            unit: per call-out
            value: 222.75
            price_year: 2015/16
            value_type: fiscal
            source: NHS Reference Costs 2013-14
            source_year: 2013/14
            rating: green
          - code: rough-sleeper
            source_code: HO6.0
            label: Rough sleeper, council spend
            unit: per person per year
            value: "8,605.34"
            price_year: 2015/16
            value_type: fiscal
            source: DCLG 2012
            source_year: 2010/11
            rating: amber
          - code: arrest-detained
            source_code: CR7.0
            label: Arrest, detained
            unit: per arrest
            value: £718.50
            price_year: 2015/16
            value_type: fiscal
            source: Salford police costs 2006/07
            source_year: 2006/07
            rating: amber
          - code: crime-incident-economic
            source_code: CR8.0
            label: Crime incident (economic)
            unit: per incident
            value: 676
            price_year: 2010/11
            value_type: economic
            source: Home Office
            source_year: 2010/11
            rating: green
          - code: crime-incident-social
            source_code: CR8.0
            label: Crime incident (social)
            unit: per incident
            value: 1648
            price_year: 2010/11
            value_type: Social
            source: Home Office
            rating: RED
        """

    static let table: UnitCostTable = {
        let (table, problems) = UnitCostTable.parse(unitCostsYAML, file: "Content/unit-costs.yaml")
        precondition(problems.isEmpty, "fixture unit-costs.yaml: \(problems)")
        return table!
    }()

    static let vocabulary = Vocabulary(site: TestVocabulary.site, principles: TestVocabulary.principles,
                                       tags: TestVocabulary.tags, unitCosts: table)

    static func outcome(_ code: String, _ count: String, period: String? = nil, note: String? = nil) -> ROIOutcome {
        ROIOutcome(code: code, count: dec(count), period: period, note: note)
    }

    static func block(cost: String, _ outcomes: [ROIOutcome], deadweight: String? = nil,
                      attribution: String? = nil, paidFor: String? = nil) -> ROIBlock {
        ROIBlock(cost: money(cost), paidFor: paidFor, outcomes: outcomes,
                 deadweight: deadweight.map(dec), attribution: attribution.map(dec))
    }

    /// An entry built without the parser, with an roi block.
    static func entry(_ slug: String, kind: String = "aar", date: String = "2026-05-01", tags: [String] = [],
                      principles: [String] = [], team: String? = nil, roi: ROIBlock?) -> Entry {
        let day = Day(date)!
        return Entry(slug: slug, file: "Content/\(kind)/\(day.year)/\(slug).md", kind: kind,
                     title: "Title of \(slug)", date: day, author: "anonymous", team: team, tags: tags,
                     principles: principles, summary: "", forum: nil, visibility: .public, draft: false,
                     related: [], roi: roi, body: "", bodyLine: 1)
    }

    /// The ledger of an entry with `roi`, which must exist.
    static func ledger(_ roi: ROIBlock, slug: String = "example", table: UnitCostTable = table,
                       defaults: ROIDefaults = ROIDefaults()) throws -> EntryLedger {
        try #require(Ledger.entry(entry(slug, roi: roi), table: table, defaults: defaults))
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator, so a failing random ledger can be reproduced
/// from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
