/// "Did you mean …?" for keys, kinds, principles and slugs.
public enum Suggestion {
    /// The candidate nearest to `word` by edit distance, if it is near enough to be a likely typo.
    /// `maxDistance` overrides the default tolerance (a third of the shorter word's length, at least 2).
    public static func nearest(to word: String, in candidates: some Sequence<String>, maxDistance: Int? = nil) -> String? {
        let lowered = word.lowercased()
        let startingWith = candidates.filter { $0.lowercased().hasPrefix(lowered) }
        if lowered.count >= 4, startingWith.count == 1 { return startingWith[0] }
        let target = Array(lowered)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = maxDistance ?? max(2, min(target.count, best.candidate.count) / 3)
        return best.distance <= allowed ? best.candidate : nil
    }

    /// Levenshtein distance with a two-row table.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
