/// Which kind of value a unit cost measures. Kept apart everywhere and never added together:
/// fiscal is cashable public-sector money, economic and social are wider values (GMCA guidance).
public enum ValueType: String, Sendable, Hashable, CaseIterable, Comparable {
    case fiscal, economic, social

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public static func < (lhs: ValueType, rhs: ValueType) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The source's own quality rating of a figure.
public enum QualityRating: String, Sendable, Hashable, CaseIterable {
    case green, amber, red
}

/// One costed outcome from `Content/unit-costs.yaml`, e.g. an A&E attendance.
public struct UnitCost: Sendable, Hashable {
    /// The readable code entries use, e.g. `ae-attendance`.
    public var code: String
    /// The source database's code, e.g. `HE4.0`, where it has one.
    public var sourceCode: String?
    public var label: String
    public var unit: String
    public var value: Money
    /// The prices the value is stated at, e.g. "2015/16".
    public var priceYear: String
    public var valueType: ValueType
    public var source: String
    /// The year of the original estimate the figure was uprated from, e.g. "2006/07".
    public var sourceYear: String?
    public var rating: QualityRating

    /// Figures whose original estimate predates 2010 are flagged for replacement.
    public var isOld: Bool {
        guard let year = sourceYear.flatMap({ Int($0.prefix(4)) }) else { return false }
        return year < 2010
    }
}

/// `Content/unit-costs.yaml`: the organisation's table of unit costs.
public struct UnitCostTable: Sendable, Hashable {
    public private(set) var costs: [UnitCost] = []
    /// A note shown with the table (e.g. where the figures come from and that they are examples).
    public var note: String = ""

    public init(costs: [UnitCost] = [], note: String = "") {
        self.costs = costs
        self.note = note
    }

    public func cost(_ code: String) -> UnitCost? { costs.first { $0.code == code } }
    public var codes: [String] { costs.map(\.code) }

    static let rowKeys = ["code", "source_code", "label", "unit", "value", "price_year", "value_type", "source",
                          "source_year", "rating"]

    public static func parse(_ text: String, file: String) -> (UnitCostTable?, [Problem]) {
        var reader = FieldReader(file: file)
        let document: YAMLValue?
        switch YAMLDocument.parse(text, file: file) {
        case .success(let value): document = value
        case .failure(let problem): return (nil, [problem])
        }
        guard let document, let pairs = reader.mapping(document, what: "unit-costs.yaml") else {
            return (UnitCostTable(), reader.problems)
        }
        reader.checkKeys(pairs, allowed: ["note", "costs"])
        var table = UnitCostTable(note: reader.text(document["note"], key: "note") ?? "")
        if let costs = document["costs"], costs.items == nil {
            reader.report(costs.line, .wrongType(key: "costs", expected: "a list of unit costs, each starting \"- code: …\""))
        }
        for row in document["costs"]?.items ?? [] {
            guard let rowPairs = reader.mapping(row, what: "a unit cost") else { continue }
            reader.checkKeys(rowPairs, allowed: rowKeys)
            for key in ["code", "label", "unit", "value", "price_year", "value_type", "source", "rating"]
            where row[key] == nil {
                reader.report(row.line, .missingKey(key))
            }
            let code = reader.text(row["code"], key: "code", required: true)
            if let code, !Slug.isValid(code) { reader.report(row["code"]?.line, .invalidSlug(code)) }
            if let code, table.cost(code) != nil {
                reader.report(row["code"]?.line, .duplicateName(what: "unit cost", name: code))
            }
            var value: Money?
            if let raw = reader.text(row["value"], key: "value", required: true) {
                value = Money(parsing: raw)
                if value == nil { reader.report(row["value"]?.line, .invalidMoney(key: "value", value: raw)) }
            }
            var valueType: ValueType?
            if let raw = reader.text(row["value_type"], key: "value_type", required: true) {
                valueType = ValueType(rawValue: raw.lowercased())
                if valueType == nil { reader.report(row["value_type"]?.line, .invalidValueType(raw)) }
            }
            var rating: QualityRating?
            if let raw = reader.text(row["rating"], key: "rating", required: true) {
                rating = QualityRating(rawValue: raw.lowercased())
                if rating == nil { reader.report(row["rating"]?.line, .invalidRating(raw)) }
            }
            guard let code, let value, let valueType, let rating,
                  let label = reader.text(row["label"], key: "label", required: true),
                  let unit = reader.text(row["unit"], key: "unit", required: true),
                  let priceYear = reader.text(row["price_year"], key: "price_year", required: true),
                  let source = reader.text(row["source"], key: "source", required: true) else { continue }
            table.costs.append(UnitCost(
                code: code, sourceCode: reader.text(row["source_code"], key: "source_code"), label: label,
                unit: unit, value: value, priceYear: priceYear, valueType: valueType, source: source,
                sourceYear: reader.text(row["source_year"], key: "source_year"), rating: rating))
        }
        return reader.problems.isEmpty ? (table, []) : (nil, reader.problems)
    }
}
