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
        // Only the lines up to the closing fence are read (and the start of the one after it): the body can be long.
        var first: Substring?
        var close: (number: Int, line: Substring)?
        var yamlStart: String.Index?
        var afterClose: String.Index?
        var number = 0
        text.forEachLine { line in
            number += 1
            if close != nil { afterClose = line.startIndex; return false }
            if first == nil {
                first = line.hasPrefix("\u{FEFF}") ? line.dropFirst() : line
                return first?.trimmingTrailingSpace == "---"
            }
            if yamlStart == nil { yamlStart = line.startIndex }
            let trimmed = line.trimmingTrailingSpace
            if trimmed == "---" || trimmed == "..." { close = (number, line) }
            return true
        }
        guard first?.trimmingTrailingSpace == "---" else {
            return .failure(Problem(file: file, line: 1, .missingFrontMatter))
        }
        guard let close else {
            return .failure(Problem(file: file, line: 1, .unterminatedFrontMatter))
        }
        // The lines between are the text between: slicing it equals joining them again, without the copies. A
        // front matter of no lines ends where the closing fence starts; the line break before the fence is not in it.
        var yaml = ""
        if close.number > 2, let yamlStart {
            let fenceStart = close.line.startIndex
            yaml = String(text[yamlStart..<text.utf8.index(before: fenceStart)])
        }
        return .success(FrontMatter(yaml: yaml, body: afterClose.map { String(text[$0...]) } ?? "",
                                    bodyLine: close.number + 1))
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
