import BrightspotsCore
import Foundation

/// The return-on-investment figures of a build: every entry's ledger, the overall totals and the tallies by
/// kind, tag, principle, team and month. The pages, the CSV and JSON downloads and `brightspots tally` all read
/// this one value, so they agree to the penny.
public struct ROIReport: Sendable {
    public struct Group: Sendable {
        public var grouping: Grouping
        public var rows: [Row]
    }

    public struct Row: Sendable {
        public var key: String
        public var label: String
        public var totals: Totals
    }

    public let ledgers: [(entry: Entry, ledger: EntryLedger)]
    /// Positions in `ledgers` by entry slug: every entry page asks for its own ledger.
    private let positions: [String: Int]
    public let overall: Totals
    public let groups: [Group]
    public let defaults: ROIDefaults
    public let unitCosts: UnitCostTable

    /// The report over the entries of a collection (already filtered for the build's audience).
    public init(collection: ContentCollection, vocabulary: Vocabulary) {
        let table = vocabulary.unitCosts
        let defaults = vocabulary.site.roiDefaults
        // Exact decimal arithmetic is slow enough (a microsecond an operation) to share out over the cores.
        let found = ParallelMap.map(collection.entries) { Ledger.entry($0, table: table, defaults: defaults) }
        let ledgers = zip(collection.entries, found).compactMap { entry, ledger in ledger.map { (entry: entry, ledger: $0) } }
        self.ledgers = ledgers
        positions = Dictionary(ledgers.enumerated().map { ($1.entry.slug, $0) }, uniquingKeysWith: { first, _ in first })
        overall = Tally.overall(ledgers.map(\.ledger))
        self.defaults = defaults
        unitCosts = table
        let labels = GroupLabels(vocabulary: vocabulary)
        groups = ParallelMap.map(Grouping.allCases) { grouping in
            let rows = Tally.group(ledgers, by: grouping).map {
                Row(key: $0.key, label: labels.label(grouping, $0.key), totals: $0.totals)
            }
            return Group(grouping: grouping, rows: labels.sorted(rows, grouping))
        }
    }

    public func group(_ grouping: Grouping) -> Group { groups.first { $0.grouping == grouping }! }
    public func ledger(for slug: String) -> EntryLedger? { positions[slug].map { ledgers[$0].ledger } }
}

/// Readable names and a sensible order for the groups of each grouping.
struct GroupLabels {
    let vocabulary: Vocabulary

    func label(_ grouping: Grouping, _ key: String) -> String {
        switch grouping {
        case .kind: return vocabulary.site.kind(key)?.plural ?? key
        case .tag: return key.isEmpty ? "(no tag)" : vocabulary.tags.label(for: key)
        case .principle:
            guard let principle = vocabulary.principles.principle(key) else { return "(no principle)" }
            return "\(principle.number). \(principle.title)"
        case .team: return key.isEmpty ? "(no team)" : key
        case .month: return Month(key)?.longForm ?? key
        }
    }

    /// Kinds in the site's order, months in time order, principles by number, the rest alphabetically;
    /// the "(none)" group last.
    func sorted(_ rows: [ROIReport.Row], _ grouping: Grouping) -> [ROIReport.Row] {
        let kinds = vocabulary.site.kinds.map(\.id)
        return rows.sorted { a, b in
            if a.key.isEmpty != b.key.isEmpty { return !a.key.isEmpty }
            switch grouping {
            case .kind: return (kinds.firstIndex(of: a.key) ?? .max) < (kinds.firstIndex(of: b.key) ?? .max)
            case .month: return a.key < b.key
            case .principle:
                return (vocabulary.principles.principle(a.key)?.number ?? .max)
                    < (vocabulary.principles.principle(b.key)?.number ?? .max)
            case .tag, .team: return (a.label.lowercased(), a.key) < (b.label.lowercased(), b.key)
            }
        }
    }
}

extension Grouping {
    /// "by tag", for headings.
    public var heading: String {
        switch self {
        case .kind: return "By kind of entry"
        case .tag: return "By tag"
        case .principle: return "By principle"
        case .team: return "By team"
        case .month: return "By month"
        }
    }

    public var columnLabel: String {
        switch self {
        case .kind: return "Kind"
        case .tag: return "Tag"
        case .principle: return "Principle"
        case .team: return "Team"
        case .month: return "Month"
        }
    }
}

/// How a ratio is shown: "4.21" (to the hundredth), or "–" when nothing was spent.
public func ratioText(_ ratio: Decimal?) -> String {
    ratio.map { ExactNumber.fixed($0, scale: 2) } ?? "–"
}
