import Synchronization

/// Entries to show beside an entry: those named in its `related` key first, then entries sharing its tags
/// (2 points each) and principles (1 point each), preferring other kinds, then higher scores, then newer entries.
///
/// Scoring every entry that shares a tag with this one is quadratic on a large site: a common tag is on half the
/// entries, and every entry carrying it visits all of them. `RelatedIndex` keeps such common lists as bit sets, so
/// their candidates are found 64 at a time, in rank order, stopping as soon as the best are known; only the short
/// lists are visited entry by entry.
public enum Related {
    public static func entries(for entry: Entry, in collection: ContentCollection, limit: Int,
                               index: RelatedIndex? = nil) -> [Entry] {
        var chosen = entry.related.compactMap { collection.entry($0) }.filter { $0.slug != entry.slug }
        guard chosen.count < limit else { return Array(chosen.prefix(limit)) }
        let index = index ?? collection.relatedIndex
        let count = collection.entries.count
        // By position: the entry itself and those already chosen.
        let excluded = (chosen.map(\.slug) + [entry.slug]).compactMap { collection.bySlug[$0] }

        // Each list the entry shares, with its points; a list named twice counts twice, as it always has.
        var lists: [ListKey: Int32] = [:]
        for tag in entry.tags { lists[.tag(tag), default: 0] += 2 }
        for principle in entry.principles { lists[.principle(principle), default: 0] += 1 }
        var short: [(postings: [Int], points: Int32)] = []
        short.reserveCapacity(lists.count)
        var common: [(bits: [UInt64], points: Int32)] = []
        for (key, points) in lists {
            if let bits = index.bits(for: key) {
                common.append((bits, points))
            } else if let postings = key.postings(in: collection) {
                short.append((postings, points))
            }
        }

        // Candidates on a short list, in position order from the lists merged (`ShortLists`), scored exactly:
        // their short lists' points and those of the common lists they are on.
        let wanted = limit - chosen.count
        var ranking = Ranking(wanted: wanted)
        let kinds = collection.kinds
        var visited = Bits(count: count)
        for position in excluded { visited.insert(position) }
        var merged = ShortLists(short)
        while let (position, partial) = merged.next() {
            visited.insert(position)
            guard !excluded.contains(position) else { continue }
            var score = partial
            for list in common where Bits.contains(list.bits, position) { score += list.points }
            ranking.offer(Candidate(index: position, otherKind: kinds[position] != entry.kind, score: score))
        }
        // Candidates only on common lists: found by score level, best level first (see `commonCandidates`), and
        // only at the levels that could still enter the ranking.
        if !common.isEmpty, wanted > 0 {
            let floor = ranking.best.count == wanted ? ranking.best.last : nil
            for candidate in commonCandidates(common, skipping: visited, sameKind: index.kindBits(entry.kind),
                                              count: count, wanted: wanted, floor: floor) {
                ranking.offer(candidate)
            }
        }
        chosen += ranking.best.map { collection.entries[$0.index] }
        return chosen
    }

    struct Candidate {
        var index: Int
        var otherKind: Bool
        var score: Int32

        func ranksBefore(_ other: Candidate) -> Bool {
            if otherKind != other.otherKind { return otherKind }
            if score != other.score { return score > other.score }
            return index < other.index
        }
    }

    /// The best `wanted` candidates offered, in rank order.
    struct Ranking {
        let wanted: Int
        private(set) var best: [Candidate] = []

        init(wanted: Int) {
            self.wanted = wanted
            best.reserveCapacity(wanted + 1)
        }

        mutating func offer(_ candidate: Candidate) {
            if best.count == wanted, let last = best.last, !candidate.ranksBefore(last) { return }
            let position = best.firstIndex { candidate.ranksBefore($0) } ?? best.count
            best.insert(candidate, at: position)
            if best.count > wanted { best.removeLast() }
        }
    }

    /// The best `wanted` entries among those on at least one common list and not in `skipping`, in rank order.
    ///
    /// Each word of 64 entries is summed across the lists as bit planes (bit `p` of every entry's score in plane
    /// `p`), which gives each score level's members directly. Levels are ranked other kind first, then by score;
    /// within a level the lower position (the newer entry) ranks first, which is the order the words are read in.
    /// A level is only looked at while the levels above it hold fewer than `wanted` candidates, and the scan stops
    /// once the best level holds `wanted`. With a `floor`, the levels that rank wholly after it are left out.
    static func commonCandidates(_ lists: [(bits: [UInt64], points: Int32)], skipping: Bits, sameKind: [UInt64]?,
                                 count: Int, wanted: Int, floor: Candidate? = nil) -> [Candidate] {
        let maximum = lists.reduce(0) { $0 + Int($1.points) }
        let planeCount = Int.bitWidth - maximum.leadingZeroBitCount
        // Levels in rank order: other kind from the highest score down, then the same kind likewise.
        var levels: [(otherKind: Bool, score: Int)] = []
        for otherKind in [true, false] {
            for score in stride(from: maximum, through: 1, by: -1) {
                // A level whose every member ranks after `floor` (the last of a full ranking) cannot place.
                if let floor, otherKind != floor.otherKind ? !otherKind : score < floor.score { continue }
                levels.append((otherKind, score))
            }
        }
        guard !levels.isEmpty else { return [] }
        var found = [[Int]](repeating: [], count: levels.count)
        var considered = levels.count
        var planes = [UInt64](repeating: 0, count: planeCount)
        for word in 0..<(count + 63) / 64 {
            var union: UInt64 = 0
            for plane in planes.indices { planes[plane] = 0 }
            for list in lists {
                let mask = list.bits[word]
                guard mask != 0 else { continue }
                union |= mask
                // Adds `points` to every entry in `mask`, plane by plane with the carry.
                var points = list.points
                var plane = 0
                while points != 0 {
                    if points & 1 != 0 {
                        var carry = mask
                        var next = plane
                        while carry != 0, next < planeCount {
                            let sum = planes[next] ^ carry
                            carry &= planes[next]
                            planes[next] = sum
                            next += 1
                        }
                    }
                    points >>= 1
                    plane += 1
                }
            }
            union &= ~skipping.words[word]
            guard union != 0 else { continue }
            let same = sameKind?[word] ?? 0
            var total = 0
            for level in 0..<considered {
                var members = union & (levels[level].otherKind ? ~same : same)
                let score = levels[level].score
                for plane in 0..<planeCount {
                    members &= score >> plane & 1 != 0 ? planes[plane] : ~planes[plane]
                }
                while members != 0, found[level].count < wanted {
                    found[level].append(word * 64 + members.trailingZeroBitCount)
                    members &= members - 1
                }
                total += found[level].count
                // Levels below this one can no longer place.
                if total >= wanted {
                    considered = level + 1
                    break
                }
            }
            if found[0].count >= wanted { break }
        }
        var candidates: [Candidate] = []
        for (level, positions) in found.enumerated() {
            for position in positions {
                candidates.append(Candidate(index: position, otherKind: levels[level].otherKind,
                                            score: Int32(levels[level].score)))
            }
        }
        return candidates
    }
}

/// Short lists merged: each position on any of them once, in ascending order, with the points of the lists it is on
/// (twice a list's points where the list names it twice). The lists are in ascending order, as a collection makes
/// them; merging them costs a few comparisons per position, where a dictionary of scores hashed each one (on a large
/// site a short list is hundreds of entries long).
struct ShortLists {
    /// Every list's positions, one list after another; list `i` is `positions[heads[i]..<ends[i]]` still to merge.
    private var positions: [Int] = []
    private var heads: [Int] = []
    private var ends: [Int] = []
    private var points: [Int32] = []

    init(_ lists: [(postings: [Int], points: Int32)]) {
        assert(lists.allSatisfy { zip($0.postings, $0.postings.dropFirst()).allSatisfy { $0 <= $1 } })
        positions.reserveCapacity(lists.reduce(0) { $0 + $1.postings.count })
        for list in lists where !list.postings.isEmpty {
            heads.append(positions.count)
            positions += list.postings
            ends.append(positions.count)
            points.append(list.points)
        }
    }

    mutating func next() -> (position: Int, points: Int32)? {
        var lowest = Int.max
        for list in heads.indices where heads[list] < ends[list] { lowest = min(lowest, positions[heads[list]]) }
        guard lowest != .max else { return nil }
        var sum: Int32 = 0
        for list in heads.indices {
            while heads[list] < ends[list], positions[heads[list]] == lowest {
                sum += points[list]
                heads[list] += 1
            }
        }
        return (lowest, sum)
    }
}

/// A tag's or a principle's entry list.
public enum ListKey: Hashable, Sendable {
    case tag(String)
    case principle(String)

    func postings(in collection: ContentCollection) -> [Int]? {
        switch self {
        case .tag(let tag): return collection.byTag[tag]
        case .principle(let principle): return collection.byPrinciple[principle]
        }
    }
}

/// The lists of a collection long enough to be worth keeping as bit sets, and each kind's entries as a bit set,
/// for `Related`. A collection makes its own once (`ContentCollection.relatedIndex`); the ranking is the same
/// whichever lists are kept as bits.
public struct RelatedIndex: Sendable {
    private var common: [ListKey: [UInt64]] = [:]
    private var kinds: [String: [UInt64]] = [:]

    /// `commonLength` is the shortest list kept as bits; by default 256 entries, or a 256th of the entries on a
    /// site of more than 65,536, which bounds the bits kept at 32 bytes per entry per list an entry is on. Short
    /// lists are merged entry by entry for every entry on them, which is quadratic in a list's length: with a
    /// thirty-second of the entries as the bound, a 50,000-entry build spent 6 % of its time ranking, against 2 %
    /// at 10,000 entries; with 256, 3.5 %.
    public init(_ collection: ContentCollection, commonLength: Int? = nil) {
        let count = collection.entries.count
        let shortest = max(1, commonLength ?? max(256, count / 256))
        func add(_ key: ListKey, _ postings: [Int]) {
            // A list naming an entry twice counts it twice, which bits cannot: such a list stays a list.
            guard postings.count >= shortest, zip(postings, postings.dropFirst()).allSatisfy({ $0 < $1 }) else { return }
            common[key] = Bits(count: count, postings).words
        }
        for (tag, postings) in collection.byTag { add(.tag(tag), postings) }
        for (principle, postings) in collection.byPrinciple { add(.principle(principle), postings) }
        for (kind, postings) in collection.byKind { kinds[kind] = Bits(count: count, postings).words }
    }

    func bits(for key: ListKey) -> [UInt64]? { common[key] }
    func kindBits(_ kind: String) -> [UInt64]? { kinds[kind] }
}

/// A set of entry positions as bits, 64 to a word.
struct Bits {
    var words: [UInt64]

    init(count: Int, _ positions: [Int] = []) {
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
        for position in positions { insert(position) }
    }

    mutating func insert(_ position: Int) { words[position / 64] |= 1 << UInt64(position % 64) }

    static func contains(_ words: [UInt64], _ position: Int) -> Bool {
        words[position / 64] & (1 << UInt64(position % 64)) != 0
    }
}

/// A collection's `RelatedIndex`, made on first use. A collection that gains an entry takes a new one.
final class RelatedMemo: Sendable {
    private let made = Mutex<RelatedIndex?>(nil)

    func index(for collection: ContentCollection) -> RelatedIndex {
        made.withLock { made in
            if let made { return made }
            let index = RelatedIndex(collection)
            made = index
            return index
        }
    }
}
