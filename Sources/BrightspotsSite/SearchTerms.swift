import BrightspotsCore
import Synchronization

/// Search words as numbers: counting and ranking words across thousands of entries then compares integers instead
/// of hashing strings. A table lives as long as the build cache that holds it; numbers from one table mean nothing
/// in another.
final class TermTable: Sendable {
    private struct State {
        var ids: [String: Int32] = [:]
        var words: [String] = []
        /// Each word's place in alphabetical (`String <`) order, for the words ranked so far.
        var ranks: [Int32] = []
        var byRank: [Int32] = []
        /// The words of short texts (summaries and teams) the last index used, by key.
        var phrases: [Fingerprint: [Int32]] = [:]
    }
    private let state = Mutex(State())

    init() {}

    /// The numbers of `words`, adding those not yet in the table.
    func intern<Words: Sequence<String>>(_ words: Words) -> [Int32] {
        state.withLock { state in
            words.map { word in
                if let id = state.ids[word] { return id }
                let id = Int32(state.words.count)
                state.ids[word] = id
                state.words.append(word)
                return id
            }
        }
    }

    /// The distinct search words of short texts (an entry's summary and team), as numbers. A text with a key is
    /// remembered under it until an index is made without that key; `text(i)` is only called for the others.
    func phrases(keys: [Fingerprint?], text: (Int) -> String) -> [[Int32]] {
        let known = state.withLock { $0.phrases }
        var result = [[Int32]](repeating: [], count: keys.count)
        var missing: [Int] = []
        for (index, key) in keys.enumerated() {
            if let key, let ids = known[key] { result[index] = ids } else { missing.append(index) }
        }
        let made = ParallelMap.map(missing.map(text)) { text in Array(Set(SearchText.terms(text))) }
        for (index, words) in zip(missing, made) { result[index] = intern(words) }
        var kept: [Fingerprint: [Int32]] = [:]
        kept.reserveCapacity(keys.count)
        for (index, key) in keys.enumerated() { if let key { kept[key] = result[index] } }
        state.withLock { $0.phrases = kept }
        return result
    }

    /// Every word so far, its alphabetical rank, and the word of each rank; ranked again only when words were added.
    func ranked() -> (words: [String], ranks: [Int32], byRank: [Int32]) {
        state.withLock { state in
            if state.ranks.count != state.words.count {
                let order = state.words.indices.sorted { state.words[$0] < state.words[$1] }
                var ranks = [Int32](repeating: 0, count: state.words.count)
                for (rank, id) in order.enumerated() { ranks[id] = Int32(rank) }
                state.ranks = ranks
                state.byRank = order.map { Int32($0) }
            }
            return (state.words, state.ranks, state.byRank)
        }
    }
}

/// How often each search word occurs in one body: word numbers and counts, the most frequent first.
struct BodyTerms: Sendable {
    var ids: [Int32]
    var counts: [Int32]

    /// From each distinct word and its count, in any order.
    init(list: [(word: String, count: Int)], table: TermTable) {
        let sorted = list.sorted { $0.count > $1.count }
        ids = table.intern(sorted.map(\.word))
        counts = sorted.map { Int32($0.count) }
    }

    /// The words that compete for the last places when there are more than `limit`: those counted as often as the
    /// `limit`th. Only their order depends on other bodies (`kept`).
    func tied(limit: Int) -> ArraySlice<Int32> {
        guard ids.count > limit else { return [] }
        let boundary = counts[limit - 1]
        let first = counts.firstIndex { $0 == boundary }!
        let end = counts[first...].firstIndex { $0 < boundary } ?? counts.count
        return ids[first..<end]
    }

    /// The `limit` words to index: the most frequent; among equals the rarer across the site (`frequency`, by word
    /// number), then the alphabetically first (`ranks`).
    func kept(limit: Int, frequency: [Int32], ranks: [Int32], byRank: [Int32]) -> ArraySlice<Int32> {
        guard ids.count > limit else { return ids[...] }
        // Words counted more often than the last one kept are in whatever their order; only the words with the
        // same count as it compete, by frequency and then alphabet.
        let boundary = counts[limit - 1]
        let first = counts.firstIndex { $0 == boundary }!
        let end = counts[first...].firstIndex { $0 < boundary } ?? counts.count
        // Ranks are unique, so frequency and rank packed in one number sort the words exactly, and the rank
        // gives the word back.
        var keys = ids[first..<end].map { UInt64(UInt32(frequency[Int($0)])) << 32 | UInt64(UInt32(ranks[Int($0)])) }
        keys.sort()
        var kept = Array(ids[..<first])
        kept.reserveCapacity(limit)
        for key in keys.prefix(limit - first) { kept.append(byRank[Int(key & 0xFFFF_FFFF)]) }
        return kept[...]
    }
}
