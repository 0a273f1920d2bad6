import BrightspotsCore
import Testing

/// `Related` ranks with bit sets for common lists; these tests hold it to the plain ranking it replaced, which
/// scores every entry sharing a list, on random sites where many lists are common.
@Suite("Related ranking with bit sets")
struct RelatedRankingTests {

    /// The ranking as it was first written: every candidate scored, then the best kept.
    static func plainRanking(for entry: Entry, in collection: ContentCollection, limit: Int) -> [String] {
        var chosen = entry.related.compactMap { collection.entry($0) }.filter { $0.slug != entry.slug }
        guard chosen.count < limit else { return chosen.prefix(limit).map(\.slug) }
        var scores: [Int: Int] = [:]
        for tag in entry.tags { for index in collection.byTag[tag] ?? [] { scores[index, default: 0] += 2 } }
        for principle in entry.principles {
            for index in collection.byPrinciple[principle] ?? [] { scores[index, default: 0] += 1 }
        }
        let excluded = Set(chosen.map(\.slug) + [entry.slug])
        let ranked = scores.filter { !excluded.contains(collection.entries[$0.key].slug) }.sorted { a, b in
            let otherA = collection.entries[a.key].kind != entry.kind, otherB = collection.entries[b.key].kind != entry.kind
            if otherA != otherB { return otherA }
            if a.value != b.value { return a.value > b.value }
            return a.key < b.key
        }
        chosen += ranked.prefix(limit - chosen.count).map { collection.entries[$0.key] }
        return chosen.map(\.slug)
    }

    /// A site of `count` entries with a few very common tags and principles, as real sites have.
    static func site(count: Int, seed: UInt64) -> ContentCollection {
        var random = SplitMix64(seed: seed)
        let kinds = ["aar", "bright-spot", "peer-support"]
        func zipf(_ n: Int) -> Int {
            // Rank r is drawn in proportion to 1/r.
            let weights = (1...n).map { 1.0 / Double($0) }
            var pick = Double.random(in: 0..<weights.reduce(0, +), using: &random)
            for (rank, weight) in weights.enumerated() {
                pick -= weight
                if pick < 0 { return rank }
            }
            return n - 1
        }
        var entries: [Entry] = []
        for number in 0..<count {
            let tags = Array(Set((0..<Int.random(in: 0...6, using: &random)).map { _ in "t\(zipf(40))" })).sorted()
            let principles = Array(Set((0..<Int.random(in: 0...3, using: &random)).map { _ in "p\(zipf(6))" })).sorted()
            let related = (0..<(Int.random(in: 0...9, using: &random) == 0 ? 2 : 0)).map { _ in
                "e\(Int.random(in: 0..<count + 2, using: &random))"
            }
            let date = "2026-\(String(format: "%02d", 1 + number % 12))-\(String(format: "%02d", 1 + number % 28))"
            entries.append(TestVocabulary.entry("e\(number)", kind: kinds[Int.random(in: 0..<3, using: &random)],
                                                date: date, tags: tags, principles: principles, related: related))
        }
        return ContentCollection(entries)
    }

    @Test("the same related entries as scoring every candidate, whichever lists are bit sets",
          arguments: [(40, 1), (300, 2), (1_000, 3)])
    func sameAsPlainRanking(count: Int, seed: UInt64) {
        let collection = Self.site(count: count, seed: seed)
        let indexes = [RelatedIndex(collection, commonLength: 1), RelatedIndex(collection, commonLength: 7),
                       RelatedIndex(collection, commonLength: count / 10), collection.relatedIndex]
        var compared = 0
        for entry in collection.entries {
            // The ranking to any limit is the first entries of the whole ranking.
            let ranking = Self.plainRanking(for: entry, in: collection, limit: .max)
            for limit in [0, 1, 3, 5, 12] {
                let expected = Array(ranking.prefix(limit))
                for index in indexes {
                    let found = Related.entries(for: entry, in: collection, limit: limit, index: index).map(\.slug)
                    #expect(found == expected, "\(entry.slug), limit \(limit)")
                    compared += 1
                }
            }
        }
        #expect(compared == count * 20)
    }

    @Test("a tag named twice counts twice, as it did before bit sets")
    func listNamedTwice() {
        let entries = [
            TestVocabulary.entry("subject", kind: "aar", tags: ["a", "a", "b"]),
            TestVocabulary.entry("on-a", kind: "aar", date: "2026-01-01", tags: ["a"]),
            TestVocabulary.entry("on-b", kind: "aar", date: "2026-02-01", tags: ["b"]),
            TestVocabulary.entry("twice-on-b", kind: "aar", date: "2026-03-01", tags: ["b", "b"]),
        ]
        let collection = ContentCollection(entries)
        let subject = collection.entry("subject")!
        let expected = Self.plainRanking(for: subject, in: collection, limit: 5)
        // "a" is worth 4 and "b" 2; "twice-on-b" is on b's list twice, so it ties with "on-a" and is newer.
        #expect(expected == ["twice-on-b", "on-a", "on-b"])
        for length in [1, 2, 10] {
            let index = RelatedIndex(collection, commonLength: length)
            #expect(Related.entries(for: subject, in: collection, limit: 5, index: index).map(\.slug) == expected)
        }
    }
}
