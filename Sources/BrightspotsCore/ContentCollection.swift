/// Who a build is for. A public build shows public entries; an internal build adds internal ones.
/// Drafts and private entries are never published.
public enum Audience: String, Sendable, CaseIterable {
    case `public`, `internal`

    public func canSee(_ entry: Entry) -> Bool {
        guard !entry.draft else { return false }
        switch entry.visibility {
        case .public: return true
        case .internal: return self == .internal
        case .private: return false
        }
    }
}

/// Every entry of a site, indexed as each is inserted: by slug, kind, tag, principle and forum month.
public struct ContentCollection: Sendable {
    /// Newest first when built with `init(_:)`; insertion order after `insert(_:)`.
    public private(set) var entries: [Entry] = []
    public private(set) var bySlug: [String: Int] = [:]
    public private(set) var byKind: [String: [Int]] = [:]
    public private(set) var byTag: [String: [Int]] = [:]
    public private(set) var byPrinciple: [String: [Int]] = [:]
    public private(set) var byForum: [Month: [Int]] = [:]
    /// Each entry's kind by position: read for thousands of candidates per entry when ranking related entries,
    /// where reaching into the `Entry` itself cost more than the ranking.
    public private(set) var kinds: [String] = []
    /// The bit sets `Related` ranks with, made on first use; `insert` starts a new one.
    private var relatedMemo = RelatedMemo()
    public var relatedIndex: RelatedIndex { relatedMemo.index(for: self) }

    public init() {}

    /// Builds a collection from entries in any order. Duplicate slugs are problems naming both files;
    /// the entry whose path sorts first is kept, so the result does not depend on the order files were read.
    public init(_ entries: [Entry]) {
        self.init()
        // Duplicates are decided in path order; the survivors are then indexed once, newest first. Positions are
        // sorted rather than entries, which are large to copy.
        var kept: [String: Int] = [:]
        var survivors: [Int] = []
        for index in entries.indices.sorted(by: { entries[$0].file < entries[$1].file }) {
            if let first = kept[entries[index].slug] {
                duplicateProblems.append(Problem(file: entries[index].file, line: nil,
                                                 .duplicateSlug(entries[index].slug, otherFile: entries[first].file)))
            } else {
                kept[entries[index].slug] = index
                survivors.append(index)
            }
        }
        survivors.sort { a, b in
            entries[a].date != entries[b].date ? entries[a].date > entries[b].date : entries[a].slug < entries[b].slug
        }
        self.entries.reserveCapacity(survivors.count)
        kinds.reserveCapacity(survivors.count)
        for index in survivors { insert(entries[index]) }
    }

    /// Duplicate-slug problems found while inserting.
    public private(set) var duplicateProblems: [Problem] = []

    /// Adds an entry and indexes it; a duplicate slug is refused with a problem.
    @discardableResult
    public mutating func insert(_ entry: Entry) -> Problem? {
        if let existing = bySlug[entry.slug] {
            return Problem(file: entry.file, line: nil, .duplicateSlug(entry.slug, otherFile: entries[existing].file))
        }
        let index = entries.count
        relatedMemo = RelatedMemo()
        entries.append(entry)
        kinds.append(entry.kind)
        bySlug[entry.slug] = index
        byKind[entry.kind, default: []].append(index)
        for tag in entry.tags { byTag[tag, default: []].append(index) }
        for principle in entry.principles { byPrinciple[principle, default: []].append(index) }
        if let forum = entry.forum { byForum[forum, default: []].append(index) }
        return nil
    }

    /// Puts `entry` in place of the entry with its slug, which must be indexed alike (the same date, kind, tags,
    /// principles and forum month): for a rebuild in which only bodies changed. An entry not here is left out.
    public mutating func replace(_ entry: Entry) {
        guard let index = bySlug[entry.slug] else { return }
        entries[index] = entry
    }

    public func entry(_ slug: String) -> Entry? { bySlug[slug].map { entries[$0] } }
    public func entries(kind: String) -> [Entry] { (byKind[kind] ?? []).map { entries[$0] } }
    public func entries(tag: String) -> [Entry] { (byTag[tag] ?? []).map { entries[$0] } }
    public func entries(principle: String) -> [Entry] { (byPrinciple[principle] ?? []).map { entries[$0] } }
    public func entries(forum: Month) -> [Entry] { (byForum[forum] ?? []).map { entries[$0] } }

    /// Tags with their entry counts, most used first, then alphabetically.
    public var tagCounts: [(tag: String, count: Int)] {
        byTag.map { ($0.key, $0.value.count) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.tag < $1.tag }
    }

    /// The entries this audience may see, as a collection of their own.
    public func visible(to audience: Audience) -> ContentCollection {
        let ordered = zip(entries, entries.dropFirst()).allSatisfy { a, b in
            a.date != b.date ? a.date > b.date : a.slug < b.slug
        }
        guard ordered else { return ContentCollection(entries.filter(audience.canSee)) }
        // Newest first and without duplicates already (as `init(_:)` leaves them): indexed as they are.
        var visible = ContentCollection()
        for entry in entries where audience.canSee(entry) { visible.insert(entry) }
        return visible
    }

    /// Checks that need every entry: related slugs and `[[slug]]` links name entries, and not the entry itself.
    /// `links`, when given, supplies each entry's `[[slug]]` links (found once when its file was read).
    public func crossReferenceProblems(links: ((Entry) -> [WikiLinks.Link]?)? = nil) -> [Problem] {
        var problems: [Problem] = []
        lazy var slugs = entries.map(\.slug)
        for entry in entries {
            for link in links?(entry) ?? WikiLinks.find(in: entry.body) where bySlug[link.slug] == nil {
                problems.append(Problem(file: entry.file, line: entry.bodyLine + link.line - 1,
                                        .unknownWikiLink(link.slug, suggestion: Suggestion.nearest(to: link.slug, in: slugs))))
            }
            for slug in entry.related {
                let line = entry.keyLines["related"]
                if slug == entry.slug {
                    problems.append(Problem(file: entry.file, line: line, .relatedToSelf(slug)))
                } else if bySlug[slug] == nil {
                    problems.append(Problem(file: entry.file, line: line,
                                            .unknownRelated(slug, suggestion: Suggestion.nearest(to: slug, in: slugs))))
                }
            }
        }
        return problems
    }
}
