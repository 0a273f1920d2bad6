/// Entries related to an entry: those it pins in `related` first, then others sharing a tag or principle —
/// other kinds first (so an AAR shows the Bright Spots and peer-support notes on its theme), then by how much
/// they share (a tag counts twice a principle), newest first among equals.
public enum Related {
    public static func entries(for entry: Entry, in collection: ContentCollection, limit: Int) -> [Entry] {
        var chosen = entry.related.compactMap { collection.entry($0) }.filter { $0.slug != entry.slug }
        guard chosen.count < limit else { return Array(chosen.prefix(limit)) }
        var candidates: [Int: Int] = [:]  // entry index → score
        for tag in entry.tags {
            for index in collection.byTag[tag] ?? [] { candidates[index, default: 0] += 2 }
        }
        for principle in entry.principles {
            for index in collection.byPrinciple[principle] ?? [] { candidates[index, default: 0] += 1 }
        }
        let pinned = Set(chosen.map(\.slug))
        let ranked = candidates.compactMap { index, score -> (entry: Entry, otherKind: Bool, score: Int)? in
            let other = collection.entries[index]
            guard other.slug != entry.slug, !pinned.contains(other.slug) else { return nil }
            return (other, other.kind != entry.kind, score)
        }.sorted { a, b in
            if a.otherKind != b.otherKind { return a.otherKind }
            if a.score != b.score { return a.score > b.score }
            if a.entry.date != b.entry.date { return a.entry.date > b.entry.date }
            return a.entry.slug < b.entry.slug
        }
        chosen += ranked.prefix(limit - chosen.count).map(\.entry)
        return chosen
    }
}
