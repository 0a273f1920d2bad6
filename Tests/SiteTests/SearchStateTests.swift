@testable import BrightspotsSite
import Foundation
import Testing

/// The search index's state brought up to date after bodies change must be what counting from nothing gives.
@Suite("Search index state")
struct SearchStateTests {
    /// A body of random words with small counts, so that many words tie at a low limit and document frequencies
    /// decide which are kept. Words come from `vocabulary`; `fresh` adds words no body had before.
    static func body(_ random: inout SeededRandom, vocabulary: Int, fresh: Int = 0) -> [String: Int] {
        var counts: [String: Int] = [:]
        for _ in 0..<Int.random(in: 0...14, using: &random) {
            counts["w\(Int.random(in: 0..<vocabulary, using: &random))", default: 0] += Int.random(in: 1...3, using: &random)
        }
        for index in 0..<fresh { counts["new\(index)-\(Int.random(in: 0..<1_000_000, using: &random))"] = 1 }
        return counts
    }

    static func key(_ counts: [String: Int]) -> Fingerprint {
        Fingerprint.of(counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
    }

    @Test("after random body changes, the updated state equals one counted afresh", arguments: [UInt64(1), 2, 3, 4])
    func updatedEqualsFresh(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let table = TermTable()
        let size = 60, limit = 5, vocabulary = 40
        var counts = (0..<size).map { _ in Self.body(&random, vocabulary: vocabulary) }
        let always = (0..<size).map { _ in
            table.intern((0..<Int.random(in: 0...3, using: &random)).map { _ in "w\(Int.random(in: 0..<vocabulary, using: &random))" })
        }
        let slugs = (0..<size).map { "entry-\($0)" }
        let site = Fingerprint.of("site")
        func terms(_ counts: [String: Int]) -> BodyTerms { BodyTerms(counts: counts, table: table) }
        var state = SearchState(site: site, slugs: slugs, bodyKeys: counts.map(Self.key), bodies: counts.map(terms),
                                always: always, table: table, limit: limit)
        var rounds = 0, recounted = 0
        for _ in 0..<40 {
            let changed = Array(Set((0..<Int.random(in: 1...4, using: &random)).map { _ in Int.random(in: 0..<size, using: &random) })).sorted()
            for position in changed {
                counts[position] = Self.body(&random, vocabulary: vocabulary, fresh: Int.random(in: 0...2, using: &random))
            }
            let keys: [Fingerprint?] = counts.map(Self.key)
            #expect(Set(state.changed(keys)).isSuperset(of: changed))
            let positions = state.changed(keys)
            state.replaceBodies(positions, with: positions.map { terms(counts[$0]) }, keys: keys, table: table)
            let fresh = SearchState(site: site, slugs: slugs, bodyKeys: keys, bodies: counts.map(terms), always: always,
                                    table: table, limit: limit)
            #expect(state.kept == fresh.kept)
            #expect(Array(state.frequency.prefix(fresh.frequency.count)) == fresh.frequency)
            #expect(state.postings.prefix(fresh.postings.count) == fresh.postings[...])
            #expect(state.postings.dropFirst(fresh.postings.count).allSatisfy { $0.isEmpty })
            // As written: postings written in earlier rounds and kept are those that did not change since.
            var updatedJSON = SearchJSONWriter(), freshJSON = SearchJSONWriter()
            var counted = fresh
            state.writeTerms(to: &updatedJSON, table: table)
            counted.writeTerms(to: &freshJSON, table: table)
            #expect(updatedJSON.text == freshJSON.text)
            rounds += 1
            recounted += positions.count
        }
        #expect(rounds == 40)
        // Ties at the limit are common here, or the test would not test the frequencies' part.
        #expect(counts.filter { !BodyTerms(counts: $0, table: table).tied(limit: limit).isEmpty }.count > size / 4)
    }

    @Test("a state fits only the same entries under the same front matter")
    func fits() {
        let table = TermTable()
        let state = SearchState(site: Fingerprint.of("site"), slugs: ["a", "b"], bodyKeys: [nil, nil],
                                bodies: [BodyTerms(counts: [:], table: table), BodyTerms(counts: [:], table: table)],
                                always: [[], []], table: table, limit: 5)
        #expect(state.changed([Fingerprint.of("x"), nil]) == [0, 1], "an entry without a key is never unchanged")
        #expect(!state.fits(site: nil, entries: []))
        #expect(!state.fits(site: Fingerprint.of("other"), entries: []))
    }
}

extension BodyTerms {
    /// From counts by word, as tests write them.
    init(counts: [String: Int], table: TermTable) {
        self.init(list: counts.map { ($0.key, $0.value) }, table: table)
    }

    /// From each distinct word and its count, in any order, most frequent first: the plain way, which
    /// `init(text:table:)` must agree with.
    init(list: [(word: String, count: Int)], table: TermTable) {
        let sorted = list.sorted { $0.count > $1.count }
        self.init(ids: table.intern(sorted.map(\.word)), counts: sorted.map { Int32($0.count) })
    }
}
