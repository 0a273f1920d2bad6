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
        for (index, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                continue
            }
            guard line.count - trimmed.count < 4, trimmed.hasPrefix("## ") || trimmed == "##" else { continue }
            var text = trimmed.dropFirst(2)
            while text.last == "#" || text.last == " " { text = text.dropLast() }  // closing hashes
            headings.append(Heading(text: String(text.drop { $0 == " " }), line: index + 1))
        }
        return headings
    }

    /// Headings match case-insensitively, ignoring spacing and trailing punctuation.
    public static func normalise(_ heading: String) -> String {
        var text = heading.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        while let last = text.last, last.isPunctuation { text.removeLast() }
        return text
    }

    /// The required sections the body lacks, in the required order.
    public static func missing(_ required: [String], in body: String) -> [String] {
        let present = Set(headings(in: body).map { normalise($0.text) })
        return required.filter { !present.contains(normalise($0)) }
    }

    /// A written heading that matches no required section but is near the missing one: a likely misspelling.
    public static func misspelling(of missing: String, required: [String], in body: String) -> Heading? {
        let wanted = Set(required.map(normalise))
        let unmatched = headings(in: body).filter { !wanted.contains(normalise($0.text)) }
        // Headings are longer than keys and get reworded, so half the length may differ.
        let target = normalise(missing)
        guard let nearest = Suggestion.nearest(to: target, in: unmatched.map { normalise($0.text) },
                                               maxDistance: max(3, target.count / 2))
        else { return nil }
        return unmatched.first { normalise($0.text) == nearest }
    }
}
