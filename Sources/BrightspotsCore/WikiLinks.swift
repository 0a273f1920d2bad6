/// `[[slug]]` links between reflections, and which entries point at which.
public enum WikiLinks {
    public struct Link: Sendable, Hashable {
        public var slug: String
        /// Line within the body (1-based).
        public var line: Int
    }

    /// Every `[[slug]]` outside fenced code, with its line.
    public static func find(in body: String) -> [Link] {
        guard body.containsBytes("[[") else { return [] }
        var links: [Link] = []
        forEachLine(body) { line, number in
            var rest = line[...]
            while let open = rest.byteRange(of: "[["), let close = rest[open.upperBound...].byteRange(of: "]]") {
                let slug = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: " ")
                if !slug.isEmpty, !slug.contains("[") { links.append(Link(slug: slug, line: number)) }
                rest = rest[close.upperBound...]
            }
        }
        return links
    }

    /// Replaces each `[[slug]]` with what `resolve` gives (Markdown), leaving fenced code alone.
    public static func replace(in body: String, _ resolve: (String) -> String) -> String {
        guard body.containsBytes("[[") else { return body }
        var output: [String] = []
        var fence = false
        for line in body.lineSlices {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fence.toggle() }
            guard !fence, line.containsBytes("[[") else { output.append(String(line)); continue }
            var result = ""
            var rest = line[...]
            while let open = rest.byteRange(of: "[["), let close = rest[open.upperBound...].byteRange(of: "]]") {
                result += rest[..<open.lowerBound]
                let slug = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: " ")
                result += slug.isEmpty || slug.contains("[") ? String(rest[open.lowerBound..<close.upperBound]) : resolve(slug)
                rest = rest[close.upperBound...]
            }
            output.append(result + rest)
        }
        return output.joined(separator: "\n")
    }

    /// The slugs an entry links to: its `[[slug]]` links and plain links to `/<section>/<slug>/`.
    public static func targets(of entry: Entry, sections: Set<String>) -> Set<String> {
        var slugs = Set(find(in: entry.body).map(\.slug))
        var rest = entry.body[...]
        while let start = rest.byteRange(of: "](/") {
            let path = rest[start.upperBound...].prefix { $0 != ")" && $0 != " " && $0 != "#" }
            let parts = path.split(separator: "/")
            if parts.count == 2, sections.contains(String(parts[0])) { slugs.insert(String(parts[1])) }
            rest = rest[start.upperBound...]
        }
        slugs.remove(entry.slug)
        return slugs
    }

    private static func forEachLine(_ body: String, _ visit: (Substring, Int) -> Void) {
        var fence = false
        for (index, line) in body.lineSlices.enumerated() {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fence.toggle(); continue }
            if !fence { visit(line, index + 1) }
        }
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
