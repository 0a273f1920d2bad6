import Markdown

/// Plain text from Markdown, for summaries, feeds and meta descriptions.
public enum PlainText {
    /// The first paragraph of ordinary text in a body: not a heading, list, quote, table or code.
    public static func firstParagraph(of body: String) -> String? {
        var paragraph: [Substring] = []
        var inFence = false
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle(); continue }
            if inFence { continue }
            if trimmed.isEmpty {
                if !paragraph.isEmpty { break }
                continue
            }
            let isBlock = trimmed.hasPrefix("#") || trimmed.hasPrefix(">") || trimmed.hasPrefix("|")
                || trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("+ ")
                || trimmed.first?.isNumber == true && trimmed.contains(". ") && trimmed.prefix { $0.isNumber }.count < 4
                    && trimmed.dropFirst(trimmed.prefix { $0.isNumber }.count).hasPrefix(". ")
                || line.hasPrefix("    ") || trimmed.hasPrefix("[^")
            if isBlock {
                if !paragraph.isEmpty { break }
                continue
            }
            paragraph.append(trimmed)
        }
        return paragraph.isEmpty ? nil : paragraph.joined(separator: "\n")
    }

    /// Markdown to plain text through the renderer, so links, emphasis and entities come out as a reader sees them.
    public static func from(markdown: String) -> String {
        from(html: Markdown.html(from: markdown))
    }

    /// The text of an HTML fragment discount wrote, with whitespace collapsed.
    public static func from(html: String) -> String {
        decodeEntities(stripTags(html)).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Shortens to at most `limit` characters at a word boundary, adding an ellipsis.
    public static func truncate(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        var result = String(atWord)
        while let last = result.last, last.isPunctuation { result.removeLast() }
        return result + "…"
    }

    /// Tags that end a block of text become a space; inline tags (em, a, code…) vanish without one.
    static let blockTags: Set<String> = ["p", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "div",
                                         "blockquote", "tr", "td", "th", "table", "pre", "hr", "dt", "dd", "sup"]

    static func stripTags(_ html: String) -> String {
        var output = ""
        var tag: String?
        for character in html {
            if character == "<", tag == nil {
                tag = ""
            } else if character == ">", let name = tag {
                let bare = name.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                if blockTags.contains(bare) { output.append(" ") }
                tag = nil
            } else if tag != nil {
                tag!.append(character)
            } else {
                output.append(character)
            }
        }
        return output
    }

    public static func decodeEntities(_ text: String) -> String {
        CharacterReferences.decode(text).replacingOccurrences(of: "\u{A0}", with: " ")
    }
}
