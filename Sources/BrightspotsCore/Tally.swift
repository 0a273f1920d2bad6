import Foundation

/// The ways tallies group entries.
public enum Grouping: String, Sendable, CaseIterable {
    case kind, tag, principle, team, month

    /// The group keys of an entry. Tags and principles may give several (the entry's amounts are then shared
    /// equally among them); an entry with none falls in the group "".
    public func keys(of entry: Entry) -> [String] {
        let keys: [String]
        switch self {
        case .kind: keys = [entry.kind]
        case .tag: keys = entry.tags
        case .principle: keys = entry.principles
        case .team: keys = entry.team.map { [$0] } ?? []
        case .month: keys = [entry.date.monthOfYear.description]
        }
        return keys.isEmpty ? [""] : keys
    }

    /// Whether an entry can fall in several groups, so that groups hold shares of it.
    public var shares: Bool { self == .tag || self == .principle }
}

/// One row of a tally: a group and its totals.
public struct TallyRow: Hashable, Sendable {
    public var key: String
    public var totals: Totals
}

public enum Tally {
    public static func overall(_ ledgers: [EntryLedger]) -> Totals {
        ledgers.reduce(Totals()) { $0 + $1.totals }
    }

    /// Groups ledgers by `grouping`, sorted by key. The amounts of every grouping add up exactly to `overall`.
    public static func group(_ ledgers: [(entry: Entry, ledger: EntryLedger)], by grouping: Grouping) -> [TallyRow] {
        var rows: [String: Totals] = [:]
        for (entry, ledger) in ledgers {
            let keys = grouping.keys(of: entry)
            for (key, share) in zip(keys, ledger.totals.split(into: keys.count)) {
                rows[key, default: Totals()] = rows[key, default: Totals()] + share
            }
        }
        return rows.map { TallyRow(key: $0.key, totals: $0.value) }.sorted { $0.key < $1.key }
    }
}
