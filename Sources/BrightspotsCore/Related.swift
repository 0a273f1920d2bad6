/// Entries to show beside an entry: those named in its `related` key first, then entries sharing its tags
/// (2 points each) and principles (1 point each), preferring other kinds, then higher scores, then newer entries.
public enum Related {
    public static func entries(for entry: Entry, in collection: ContentCollection, limit: Int) -> [Entry] {
        var chosen = entry.related.compactMap { collection.entry($0) }.filter { $0.slug != entry.slug }
        guard chosen.count < limit else { return Array(chosen.prefix(limit)) }
        // Scores by collection position. The collection is newest first (then by slug), so among equal scores
        // a lower position is the newer entry: ranking needs no dates.
        var scores = [Int32](repeating: 0, count: collection.entries.count)
        var touched: [Int] = []
        func add(_ indexes: [Int]?, _ points: Int32) {
            for index in indexes ?? [] {
                if scores[index] == 0 { touched.append(index) }
                scores[index] += points
            }
        }
        for tag in entry.tags { add(collection.byTag[tag], 2) }
        for principle in entry.principles { add(collection.byPrinciple[principle], 1) }
        // By position: a handful of integers, instead of hashing every candidate's slug.
        let excluded = (chosen.map(\.slug) + [entry.slug]).compactMap { collection.bySlug[$0] }

        // The best `wanted` candidates, kept in rank order; a full sort of thousands of candidates is not needed.
        let wanted = limit - chosen.count
        typealias Candidate = (index: Int, otherKind: Bool, score: Int32)
        func ranksBefore(_ a: Candidate, _ b: Candidate) -> Bool {
            if a.otherKind != b.otherKind { return a.otherKind }
            if a.score != b.score { return a.score > b.score }
            return a.index < b.index
        }
        let kinds = collection.kinds
        var best: [Candidate] = []
        best.reserveCapacity(wanted + 1)
        // Fields are read in place: copying each candidate `Entry` made this quadratic in practice on large sites.
        for index in touched {
            let candidate = (index: index, otherKind: kinds[index] != entry.kind, score: scores[index])
            if best.count == wanted, let last = best.last, !ranksBefore(candidate, last) { continue }
            guard !excluded.contains(index) else { continue }
            let position = best.firstIndex { ranksBefore(candidate, $0) } ?? best.count
            best.insert(candidate, at: position)
            if best.count > wanted { best.removeLast() }
        }
        chosen += best.map { collection.entries[$0.index] }
        return chosen
    }
}
