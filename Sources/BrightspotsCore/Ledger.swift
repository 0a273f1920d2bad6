import Foundation

/// Fiscal, economic and social amounts, side by side and never added together.
public struct ValueAmounts: Hashable, Sendable {
    public var fiscal = Money.zero
    public var economic = Money.zero
    public var social = Money.zero

    public init() {}

    public subscript(type: ValueType) -> Money {
        get {
            switch type {
            case .fiscal: return fiscal
            case .economic: return economic
            case .social: return social
            }
        }
        set {
            switch type {
            case .fiscal: fiscal = newValue
            case .economic: economic = newValue
            case .social: social = newValue
            }
        }
    }

    public static func + (lhs: ValueAmounts, rhs: ValueAmounts) -> ValueAmounts {
        var sum = ValueAmounts()
        for type in ValueType.allCases { sum[type] = lhs[type] + rhs[type] }
        return sum
    }

    public static func * (lhs: ValueAmounts, factor: Decimal) -> ValueAmounts {
        var product = ValueAmounts()
        for type in ValueType.allCases { product[type] = lhs[type] * factor }
        return product
    }
}

/// Cost and benefits of one or more entries. Net benefit and the ratio are fiscal: the financial case.
public struct Totals: Hashable, Sendable {
    public var entries = 0
    public var cost = Money.zero
    /// Count × unit cost, by value type.
    public var gross = ValueAmounts()
    /// After deadweight and attribution.
    public var adjusted = ValueAmounts()

    public init() {}

    /// Adjusted fiscal benefit minus cost.
    public var netFiscal: Money { adjusted.fiscal - cost }

    /// Adjusted fiscal benefit per pound spent; absent (not infinite) when nothing was spent.
    public var ratio: Decimal? {
        guard cost.pounds > 0 else { return nil }
        return adjusted.fiscal.pounds / cost.pounds
    }

    public static func + (lhs: Totals, rhs: Totals) -> Totals {
        var sum = Totals()
        sum.entries = lhs.entries + rhs.entries
        sum.cost = lhs.cost + rhs.cost
        sum.gross = lhs.gross + rhs.gross
        sum.adjusted = lhs.adjusted + rhs.adjusted
        return sum
    }

    /// Splits into `parts` shares whose amounts add up to these exactly: every share but the last is rounded to
    /// ten decimal places and the last takes what remains. Each share keeps the whole entry count.
    public func split(into parts: Int) -> [Totals] {
        guard parts > 1 else { return [self] }
        var split = Array(repeating: Totals(), count: parts)
        for (index, share) in cost.shares(parts).enumerated() {
            split[index].entries = entries
            split[index].cost = share
        }
        for type in ValueType.allCases {
            for (index, share) in gross[type].shares(parts).enumerated() { split[index].gross[type] = share }
            for (index, share) in adjusted[type].shares(parts).enumerated() { split[index].adjusted[type] = share }
        }
        return split
    }
}

/// One line of an entry's ledger: an outcome valued at its unit cost.
public struct LedgerLine: Hashable, Sendable {
    public var outcome: ROIOutcome
    public var unitCost: UnitCost
    /// count × unit cost.
    public var gross: Money
    /// gross × (1 − deadweight) × (1 − attribution).
    public var adjusted: Money
}

/// An entry's return on investment, worked out exactly.
public struct EntryLedger: Hashable, Sendable {
    public var slug: String
    public var paidFor: String?
    public var lines: [LedgerLine]
    public var deadweight: Decimal
    public var attribution: Decimal
    public var totals: Totals

    /// The share of benefit left after deadweight and attribution.
    public var adjustmentFactor: Decimal { (100 - deadweight) * (100 - attribution) / 10_000 }
}

public enum Ledger {
    /// The ledger of an entry with an `roi:` block; nil otherwise.
    public static func entry(_ entry: Entry, table: UnitCostTable, defaults: ROIDefaults) -> EntryLedger? {
        guard let block = entry.roi else { return nil }
        let deadweight = block.deadweight ?? defaults.deadweight
        let attribution = block.attribution ?? defaults.attribution
        let factor = (100 - deadweight) * (100 - attribution) / 10_000
        var totals = Totals()
        totals.entries = 1
        totals.cost = block.cost
        let lines = block.outcomes.compactMap { outcome -> LedgerLine? in
            guard let unitCost = table.cost(outcome.code) else { return nil }
            let gross = unitCost.value * outcome.count
            let adjusted = gross * factor
            totals.gross[unitCost.valueType] += gross
            totals.adjusted[unitCost.valueType] += adjusted
            return LedgerLine(outcome: outcome, unitCost: unitCost, gross: gross, adjusted: adjusted)
        }
        return EntryLedger(slug: entry.slug, paidFor: block.paidFor, lines: lines, deadweight: deadweight,
                           attribution: attribution, totals: totals)
    }
}
