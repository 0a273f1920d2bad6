import BrightspotsCore
import Synchronization

/// Search words as numbers: counting and ranking words across thousands of entries then compares integers instead
/// of hashing strings. A table lives as long as the build cache that holds it; numbers from one table mean nothing
/// in another.
final class TermTable: Sendable {
    private struct State {
        /// The words by their UTF-8 bytes (`ByteIndex`), so a body's words are found without a `String` made of each.
        var index = ByteIndex()
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
                var utf8 = word
                return utf8.withUTF8 { bytes in
                    state.index.id(of: bytes, hash: ByteIndex.hash(bytes)) { state.words.append(word) }
                }
            }
        }
    }

    /// The numbers of a body's words, as `BodyTerms` orders them: `order` indexes the counter's words and then
    /// `others`. Only words new to the table become strings.
    fileprivate func intern(_ counter: TermCounter, others: [String], order: [Int]) -> [Int32] {
        state.withLock { state in
            counter.withWords { counted in
                order.map { position in
                    if position < counted.count {
                        let (hash, text) = counted[position]
                        return state.index.id(of: text, hash: hash) {
                            state.words.append(String(decoding: text, as: UTF8.self))
                        }
                    }
                    let word = others[position - counted.count]
                    var utf8 = word
                    return utf8.withUTF8 { text in
                        state.index.id(of: text, hash: ByteIndex.hash(text)) { state.words.append(word) }
                    }
                }
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

    init(ids: [Int32], counts: [Int32]) {
        self.ids = ids
        self.counts = counts
    }

    /// The words of a text (`SearchText.terms`) and how often each occurs, most frequent first: counted by
    /// `TermCounter`, numbered by their bytes, the words and counts `SearchText.termList(text)` gives (a test checks);
    /// a `String` is made only of a word new to the table. Among equals the order is the words' first appearance,
    /// the ASCII ones first; the others come from a dictionary, in its order.
    init(text: String, table: TermTable) {
        let (counter, others) = SearchText.countTerms(text)
        let otherWords = Array(others.keys)
        var all = counter.counts
        all.reserveCapacity(all.count + otherWords.count)
        for word in otherWords { all.append(Int32(others[word]!)) }
        // Most frequent first; among equals, in the order listed: sorted as numbers, the count (inverted) above
        // the position, which the comparison of pairs by a closure took several times as long to do.
        var keys = all.indices.map { UInt64(UInt32.max - UInt32(all[$0])) << 32 | UInt64($0) }
        keys.sort()
        let order = keys.map { Int($0 & 0xFFFF_FFFF) }
        ids = table.intern(counter, others: otherWords, order: order)
        counts = order.map { all[$0] }
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

/// Distinct byte strings numbered in the order added: open addressing over FNV-1a hashes (`TermCounter`'s), the
/// bytes kept once in one array.
struct ByteIndex {
    private var hashes: [UInt64] = []
    private var starts: [Int32] = []
    private var bytes: [UInt8] = []
    /// Numbers plus one; zero is an empty slot. The count is a power of two.
    private var slots = [Int32](repeating: 0, count: 1024)

    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a, one byte at a time from `seed`.
    @inline(__always)
    static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 { bytes.reduce(seed, step) }

    /// The entries, each one's hash and bytes by its number, valid inside `withEntries`.
    struct Entries {
        fileprivate let hashes: [UInt64]
        fileprivate let starts: [Int32]
        fileprivate let bytes: UnsafeBufferPointer<UInt8>

        var count: Int { hashes.count }

        subscript(id: Int) -> (hash: UInt64, text: UnsafeBufferPointer<UInt8>) {
            let end = id + 1 < starts.count ? Int(starts[id + 1]) : bytes.count
            return (hashes[id], UnsafeBufferPointer(rebasing: bytes[Int(starts[id])..<end]))
        }
    }

    func withEntries<Result>(_ body: (Entries) -> Result) -> Result {
        bytes.withUnsafeBufferPointer { body(Entries(hashes: hashes, starts: starts, bytes: $0)) }
    }

    /// The number of `text` (whose `hash(_:)` is `hash`), adding it, and calling `added`, if it is new.
    mutating func id(of text: UnsafeBufferPointer<UInt8>, hash: UInt64, added: () -> Void) -> Int32 {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 {
            let id = Int(slots[slot] - 1)
            if hashes[id] == hash, equals(id, text) { return Int32(id) }
            slot = (slot + 1) & mask
        }
        let id = Int32(hashes.count)
        hashes.append(hash)
        starts.append(Int32(bytes.count))
        bytes.append(contentsOf: text)
        slots[slot] = id + 1
        added()
        if hashes.count * 2 > slots.count { grow() }
        return id
    }

    private func equals(_ id: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(starts[id])
        let end = id + 1 < starts.count ? Int(starts[id + 1]) : bytes.count
        guard end - start == text.count else { return false }
        return bytes.withUnsafeBufferPointer { all in
            for offset in 0..<text.count where all[start + offset] != text[offset] { return false }
            return true
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(id + 1)
        }
    }
}
