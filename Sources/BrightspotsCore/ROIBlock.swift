import Foundation

/// An outcome an intervention avoided or achieved, as an entry's `roi:` block lists it.
public struct ROIOutcome: Sendable, Hashable {
    public var code: String
    public var count: Decimal
    public var period: String?
    public var note: String?
}

/// An entry's return-on-investment claim: what the intervention cost and what it avoided or achieved.
public struct ROIBlock: Sendable, Hashable {
    public var cost: Money
    /// What the cost paid for, e.g. "two extra hours of a housing officer's time".
    public var paidFor: String?
    public var outcomes: [ROIOutcome]
    /// Percentages (0–100); nil means the site's default from site.yaml.
    public var deadweight: Decimal?
    public var attribution: Decimal?
}

/// The site's stated defaults for deadweight and attribution (site.yaml `roi:`).
public struct ROIDefaults: Sendable, Hashable {
    public var deadweight: Decimal
    public var attribution: Decimal

    public init(deadweight: Decimal = 0, attribution: Decimal = 0) {
        self.deadweight = deadweight
        self.attribution = attribution
    }
}

enum ROIParser {
    static let keys = ["cost", "paid_for", "outcomes", "deadweight", "attribution"]
    static let outcomeKeys = ["code", "count", "period", "note"]

    /// Reads an entry's `roi:` value, reporting each problem with its line.
    static func parse(_ value: YAMLValue, table: UnitCostTable, reader: inout FieldReader) -> ROIBlock? {
        guard let pairs = reader.mapping(value, what: "roi") else { return nil }
        let before = reader.problems.count
        reader.checkKeys(pairs, allowed: keys)
        var cost = Money.zero
        if let raw = reader.text(value["cost"], key: "cost") {
            if let parsed = Money(parsing: raw) { cost = parsed }
            else { reader.report(value["cost"]?.line, .invalidMoney(key: "cost", value: raw)) }
        }
        let deadweight = percentage(value["deadweight"], key: "deadweight", reader: &reader)
        let attribution = percentage(value["attribution"], key: "attribution", reader: &reader)

        var outcomes: [ROIOutcome] = []
        let items: [YAMLValue]
        switch value["outcomes"] {
        case .sequence(let list, _)?: items = list
        case nil: items = []
        case let other?:
            reader.report(other.line, .wrongType(key: "outcomes", expected: "a list of {code, count}"))
            items = []
        }
        for item in items {
            guard let itemPairs = reader.mapping(item, what: "an outcome") else { continue }
            reader.checkKeys(itemPairs, allowed: outcomeKeys)
            for key in ["code", "count"] where item[key] == nil { reader.report(item.line, .missingKey(key)) }
            var code = reader.text(item["code"], key: "code", required: true)
            if let written = code, table.cost(written) == nil {
                reader.report(item["code"]?.line, .unknownOutcomeCode(
                    written, suggestion: Suggestion.nearest(to: written, in: table.codes)))
                code = nil
            }
            var count: Decimal?
            if let raw = reader.text(item["count"], key: "count", required: true) {
                count = ExactNumber.parse(raw)
                if count == nil { reader.report(item["count"]?.line, .invalidCount(raw)) }
            }
            if let code, let count {
                outcomes.append(ROIOutcome(code: code, count: count,
                                           period: reader.text(item["period"], key: "period"),
                                           note: reader.text(item["note"], key: "note")))
            }
        }
        if value["cost"] != nil, items.isEmpty { reader.report(value.line, .costWithoutOutcomes) }
        guard reader.problems.count == before else { return nil }
        return ROIBlock(cost: cost, paidFor: reader.text(value["paid_for"], key: "paid_for"), outcomes: outcomes,
                        deadweight: deadweight, attribution: attribution)
    }

    static func percentage(_ value: YAMLValue?, key: String, reader: inout FieldReader) -> Decimal? {
        guard let raw = reader.text(value, key: key) else { return nil }
        let digits = raw.hasSuffix("%") ? String(raw.dropLast()).trimmingWhitespace : raw
        guard let number = ExactNumber.parse(digits), number <= 100 else {
            reader.report(value?.line, .invalidPercentage(key: key, value: raw))
            return nil
        }
        return number
    }
}
