/// Entries related to an entry: those it pins in `related` first, then others ranked by shared tags
/// (principles break ties), newest first among equals.
public enum Related {
    public static func entries(for entry: Entry, in collection: ContentCollection, limit: Int) -> [Entry] {
        var chosen = entry.related.compactMap { collection.entry($0) }.filter { $0.slug != entry.slug }
        guard chosen.count < limit else { return Array(chosen.prefix(limit)) }
        let principles = Set(entry.principles)
        var candidates: [Int: Int] = [:]  // entry index → shared tags
        for tag in entry.tags {
            for index in collection.byTag[tag] ?? [] { candidates[index, default: 0] += 1 }
        }
        let pinned = Set(chosen.map(\.slug))
        let ranked = candidates.compactMap { index, shared -> (Entry, Int, Int)? in
            let other = collection.entries[index]
            guard other.slug != entry.slug, !pinned.contains(other.slug) else { return nil }
            return (other, shared, principles.intersection(other.principles).count)
        }.sorted { a, b in
            if a.1 != b.1 { return a.1 > b.1 }
            if a.2 != b.2 { return a.2 > b.2 }
            if a.0.date != b.0.date { return a.0.date > b.0.date }
            return a.0.slug < b.0.slug
        }
        chosen += ranked.prefix(limit - chosen.count).map(\.0)
        return chosen
    }
}
