/// Splits a Markdown file into its YAML front matter and body.
public struct FrontMatter: Sendable, Hashable {
    public var yaml: String
    public var body: String
    /// The file line the body starts on (1-based).
    public var bodyLine: Int

    /// Splits a Markdown file (any line endings) and reads its front matter as YAML, lines counted in the file.
    /// The YAML is nil when the front matter is empty.
    public static func read(_ text: String, file: String) -> Result<(FrontMatter, YAMLValue?), Problem> {
        let normalised = text.containsBytes("\r\n") ? text.replacingCRLF : text
        switch split(normalised, file: file) {
        case .failure(let problem): return .failure(problem)
        case .success(let parts):
            return YAMLDocument.parse(parts.yaml, file: file, lineOffset: 1).map { (parts, $0) }
        }
    }

    /// The file must open with a `---` line; the front matter ends at the next `---` (or `...`) line.
    public static func split(_ text: String, file: String) -> Result<FrontMatter, Problem> {
        var lines = text.lineSlices
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[0] = lines[0].dropFirst() }
        guard lines.first?.trimmingTrailingSpace == "---" else {
            return .failure(Problem(file: file, line: 1, .missingFrontMatter))
        }
        guard let close = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingTrailingSpace
            return line == "---" || line == "..."
        }) else {
            return .failure(Problem(file: file, line: 1, .unterminatedFrontMatter))
        }
        // The lines between are the text between: slicing it equals joining them again, without the copies.
        return .success(FrontMatter(
            yaml: close > 1 ? String(text[lines[1].startIndex..<lines[close - 1].endIndex]) : "",
            body: close + 1 < lines.count ? String(text[lines[close + 1].startIndex...]) : "",
            bodyLine: close + 2))
    }
}

extension Substring {
    var trimmingTrailingSpace: Substring {
        var end = endIndex
        while end > startIndex, let previous = Optional(index(before: end)), self[previous].isWhitespace {
            end = previous
        }
        return self[startIndex..<end]
    }
}
