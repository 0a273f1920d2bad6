import BrightspotsCore

/// The search index's words and postings before they are written out, kept between builds so that when only a few
/// bodies changed the index is brought up to date instead of counted again over every entry.
///
/// Which words of a body are kept depends on the whole site only through document frequencies, and only for the
/// words that tie at the body's cut-off (`BodyTerms.kept`). So after some bodies change, the entries to look at
/// again are those bodies' own and the entries whose tied words include a word whose frequency moved; the
/// postings of the words they gained or lost are patched in place. The result is what a count from nothing gives
/// (`SearchIndexIncrementalTests` compares the two after random edits).
struct SearchState: Sendable {
    /// What it was made under: the site's front matter (`QuickInputs.site`), so the entries, their order, summaries
    /// and teams are as they were when this matches.
    var site: Fingerprint?
    var slugs: [String]
    /// Each entry's body key (nil: none, so never taken as unchanged).
    var bodyKeys: [Fingerprint?]
    var bodies: [BodyTerms]
    /// The words of each entry's summary and team, always indexed.
    var always: [[Int32]]
    /// Kept words of each entry's body.
    var kept: [[Int32]]
    /// How many bodies hold each word, by word number.
    var frequency: [Int32]
    /// The entry positions holding each word (kept body words and `always`), ascending, by word number.
    var postings: [[Int32]]
    /// Each word's postings as written (`SearchPostings.encode`), by word number; empty until written, and again
    /// when they change.
    var encoded: [[UInt8]]
    let limit: Int

    /// Counts everything afresh.
    init(site: Fingerprint?, slugs: [String], bodyKeys: [Fingerprint?], bodies: [BodyTerms], always: [[Int32]],
         table: TermTable, limit: Int) {
        self.site = site
        self.slugs = slugs
        self.bodyKeys = bodyKeys
        self.bodies = bodies
        self.always = always
        self.limit = limit
        let (words, ranks, byRank) = table.ranked()
        var counted = [Int32](repeating: 0, count: words.count)
        for body in bodies { for id in body.ids { counted[Int(id)] += 1 } }
        let frequency = counted
        self.frequency = frequency
        // The most frequent words of each body; among equals the rarer across the site, then alphabetical, so
        // output is stable.
        kept = ParallelMap.map(bodies) { body in
            Array(body.kept(limit: limit, frequency: frequency, ranks: ranks, byRank: byRank))
        }
        postings = [[Int32]](repeating: [], count: words.count)
        for position in bodies.indices {
            let here = Int32(position)
            for id in always[position] where postings[Int(id)].last != here { postings[Int(id)].append(here) }
            for id in kept[position] where postings[Int(id)].last != here { postings[Int(id)].append(here) }
        }
        encoded = [[UInt8]](repeating: [], count: words.count)
    }

    /// Whether this state was made for these entries under this front matter, so `replaceBodies` can bring it up
    /// to date.
    func fits(site: Fingerprint?, entries: [Entry]) -> Bool {
        guard let site, site == self.site, entries.count == slugs.count else { return false }
        return entries.indices.allSatisfy { entries[$0].slug == slugs[$0] }
    }

    /// The positions whose body key is not `keys`'.
    func changed(_ keys: [Fingerprint?]) -> [Int] {
        keys.indices.filter { keys[$0] == nil || keys[$0] != bodyKeys[$0] }
    }

    /// Puts new bodies in at `positions` (with their keys) and brings frequencies, kept words and postings up to date.
    mutating func replaceBodies(_ positions: [Int], with terms: [BodyTerms], keys: [Fingerprint?], table: TermTable) {
        let (words, ranks, byRank) = table.ranked()
        if frequency.count < words.count {
            frequency += [Int32](repeating: 0, count: words.count - frequency.count)
            postings += [[Int32]](repeating: [], count: words.count - postings.count)
            encoded += [[UInt8]](repeating: [], count: words.count - encoded.count)
        }
        // Frequencies before the change, of the words whose count is touched.
        var before: [Int32: Int32] = [:]
        for (position, new) in zip(positions, terms) {
            for id in bodies[position].ids {
                if before[id] == nil { before[id] = frequency[Int(id)] }
                frequency[Int(id)] -= 1
            }
            for id in new.ids {
                if before[id] == nil { before[id] = frequency[Int(id)] }
                frequency[Int(id)] += 1
            }
            bodies[position] = new
            bodyKeys[position] = keys[position]
        }
        var moved = [Bool](repeating: false, count: words.count)
        var anyMoved = false
        for (id, old) in before where frequency[Int(id)] != old {
            moved[Int(id)] = true
            anyMoved = true
        }
        // The changed bodies, and every body whose tied words include one whose frequency moved.
        let bodies = bodies, limit = limit, frequency = frequency
        var again = Set(positions)
        if anyMoved {
            let moved = moved
            let tied = ParallelMap.map(Array(bodies.indices)) { position -> Bool in
                bodies[position].tied(limit: limit).contains { moved[Int($0)] }
            }
            for position in tied.indices where tied[position] { again.insert(position) }
        }
        let order = again.sorted()
        let fresh = ParallelMap.map(order) { position in
            Array(bodies[position].kept(limit: limit, frequency: frequency, ranks: ranks, byRank: byRank))
        }
        // An entry is in a word's postings when the word is kept from its body or is in its summary or team.
        let wasKept: UInt8 = 1, isKept: UInt8 = 2, inAlways: UInt8 = 4
        var flags = [UInt8](repeating: 0, count: words.count)
        for (position, new) in zip(order, fresh) {
            let here = Int32(position)
            for id in kept[position] { flags[Int(id)] |= wasKept }
            for id in new { flags[Int(id)] |= isKept }
            for id in always[position] { flags[Int(id)] |= inAlways }
            for id in kept[position] where flags[Int(id)] == wasKept {
                Self.remove(here, from: &postings[Int(id)])
                encoded[Int(id)] = []
            }
            for id in new where flags[Int(id)] == isKept {
                Self.insert(here, into: &postings[Int(id)])
                encoded[Int(id)] = []
            }
            for id in kept[position] { flags[Int(id)] = 0 }
            for id in new { flags[Int(id)] = 0 }
            for id in always[position] { flags[Int(id)] = 0 }
            kept[position] = new
        }
    }

    /// Writes the index's `terms` and `postings` members: the words that have postings, in alphabetical order,
    /// space-separated, then their postings. Postings written before and not changed since are copied.
    mutating func writeTerms(to out: inout SearchJSONWriter, table: TermTable) {
        let (words, _, byRank) = table.ranked()
        out.raw(",\"terms\":\"")
        var first = true
        for id in byRank where Int(id) < postings.count && !postings[Int(id)].isEmpty {
            if !first { out.raw(" ") }
            first = false
            out.escaped(words[Int(id)])
        }
        out.raw("\",\"postings\":\"")
        first = true
        for id in byRank where Int(id) < postings.count && !postings[Int(id)].isEmpty {
            if !first { out.raw(" ") }
            first = false
            if encoded[Int(id)].isEmpty { SearchPostings.encode(postings[Int(id)], into: &encoded[Int(id)]) }
            out.raw(encoded[Int(id)])
        }
        out.raw("\"")
    }

    private static func remove(_ position: Int32, from list: inout [Int32]) {
        let index = list.lowerBound(of: position)
        if index < list.count && list[index] == position { list.remove(at: index) }
    }

    private static func insert(_ position: Int32, into list: inout [Int32]) {
        let index = list.lowerBound(of: position)
        if index == list.count || list[index] != position { list.insert(position, at: index) }
    }
}

extension Array where Element: Comparable {
    /// In an ascending array, the first index whose element is not less than `value` (`count` if none is).
    func lowerBound(of value: Element) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// Where a build keeps the search state for the next one (the build cache, in a long-running process).
struct SearchMemory: Sendable {
    /// The front matter the index is made under (`QuickInputs.site`).
    let site: Fingerprint?
    let bodyKey: @Sendable (Entry) -> Fingerprint?
    let take: @Sendable () -> SearchState?
    let keep: @Sendable (SearchState) -> Void
}
