/// The `##` sections of an entry body, which each kind requires.
public enum Sections {
    public struct Heading: Sendable, Hashable {
        public var text: String
        /// Line within the body (1-based).
        public var line: Int
    }

    /// Level-two ATX headings (`## Text`), skipping fenced code blocks.
    public static func headings(in body: String) -> [Heading] {
        var headings: [Heading] = []
        var fence: Substring?
        for (index, line) in body.lineSlices.enumerated() {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                continue
            }
            guard line.leadingSpaceCount < 4, trimmed.hasPrefix("## ") || trimmed == "##" else { continue }
            var text = trimmed.dropFirst(2)
            while text.last == "#" || text.last == " " { text = text.dropLast() }  // closing hashes
            headings.append(Heading(text: String(text.drop { $0 == " " }), line: index + 1))
        }
        return headings
    }

    /// The line (1-based) and marker of a code fence the text opens and never closes, as `headings(in:)` reads
    /// fences: everything after it would be code, headings included.
    public static func unclosedFence(in text: String) -> (line: Int, marker: String)? {
        var open: (line: Int, marker: Substring)?
        for (index, line) in text.lineSlices.enumerated() {
            let trimmed = line.drop { $0 == " " }
            if let fence = open {
                if trimmed.hasPrefix(fence.marker) { open = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                open = (index + 1, trimmed.prefix(3))
            }
        }
        return open.map { ($0.line, String($0.marker)) }
    }

    /// Headings match case-insensitively, ignoring spacing and trailing punctuation.
    public static func normalise(_ heading: String) -> String {
        var text = heading.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while let last = text.last, last.isPunctuation || last == " " { text.removeLast() }
        return text
    }

    /// The required sections the body lacks, in the required order.
    public static func missing(_ required: [String], in body: String) -> [String] {
        let present = Set(headings(in: body).map { normalise($0.text) })
        return required.filter { !present.contains(normalise($0)) }
    }

    /// A required section that is missing, with the written heading that most likely misspells it.
    public struct Gap: Sendable, Hashable {
        public var missing: String
        public var misspelling: Heading?
    }

    /// The missing sections in required order. Each unmatched heading is offered as the misspelling of at most
    /// one missing section: the closest pairs are matched first.
    public static func gaps(required: [String], in body: String) -> [Gap] {
        let written = headings(in: body)
        let present = Set(written.map { normalise($0.text) })
        let missing = required.filter { !present.contains(normalise($0)) }
        let wanted = Set(required.map(normalise))
        let unmatched = written.filter { !wanted.contains(normalise($0.text)) }
        var pairs: [(missing: Int, heading: Int, distance: Int)] = []
        for (m, section) in missing.enumerated() {
            let target = Array(normalise(section))
            // Headings are longer than keys and get reworded, so half the length may differ.
            let allowed = max(3, target.count / 2)
            for (h, heading) in unmatched.enumerated() {
                let distance = Suggestion.editDistance(target, Array(normalise(heading.text)))
                if distance <= allowed { pairs.append((m, h, distance)) }
            }
        }
        var chosen: [Int: Heading] = [:]
        var used: Set<Int> = []
        for pair in pairs.sorted(by: { ($0.distance, $0.missing) < ($1.distance, $1.missing) })
        where chosen[pair.missing] == nil && !used.contains(pair.heading) {
            chosen[pair.missing] = unmatched[pair.heading]
            used.insert(pair.heading)
        }
        return missing.enumerated().map { Gap(missing: $0.element, misspelling: chosen[$0.offset]) }
    }
}
