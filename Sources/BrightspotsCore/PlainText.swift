import Markdown

/// Plain text from Markdown, for summaries, feeds and meta descriptions.
public enum PlainText {
    /// The first paragraph of ordinary text in a body: not a heading, list, quote, table or code.
    public static func firstParagraph(of body: String) -> String? {
        var paragraph: [Substring] = []
        var inFence = false
        for line in body.lineSlices {
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
        collapseWhitespace(decodeEntities(stripTags(html)))
    }

    /// Runs of whitespace become one space; none at either end. Scalar by scalar (what `Character.isWhitespace`
    /// looks at), without breaking the text into grapheme clusters; ASCII by bytes.
    static func collapseWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                let isSpace = byte < 0x80
                    ? byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
                    : scalar(in: bytes, at: index, length: length).properties.isWhitespace
                if isSpace {
                    pendingSpace = !output.isEmpty
                } else {
                    if pendingSpace { output.append(0x20) }
                    pendingSpace = false
                    output.append(contentsOf: bytes[index..<index + length])
                }
                index += length
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// The scalar whose `length` UTF-8 bytes (2 to 4, from valid UTF-8) start at `index`.
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Unicode.Scalar {
        var value = UInt32(bytes[index]) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return Unicode.Scalar(value) ?? " "
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

    /// Byte by byte in UTF-8: "<" and ">" are ASCII, so text between tags is copied as it is.
    static func stripTags(_ html: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(html.utf8.count)
        var inTag = false
        var name: [UInt8] = []
        var nameDone = false
        for byte in html.utf8 {
            if byte == UInt8(ascii: "<"), !inTag {
                inTag = true
                name.removeAll(keepingCapacity: true)
                nameDone = false
            } else if byte == UInt8(ascii: ">"), inTag {
                if blockTagBytes.contains(name) { output.append(UInt8(ascii: " ")) }
                inTag = false
            } else if inTag {
                if nameDone { continue }
                if byte == UInt8(ascii: "/"), name.isEmpty { continue }
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): name.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): name.append(byte + 32)
                default: nameDone = true
                }
            } else {
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    static let blockTagBytes: Set<[UInt8]> = Set(blockTags.map { Array($0.utf8) })

    public static func decodeEntities(_ text: String) -> String {
        let decoded = CharacterReferences.decode(text)
        guard decoded.containsBytes("\u{A0}") else { return decoded }
        return String(String.UnicodeScalarView(decoded.unicodeScalars.map { $0 == "\u{A0}" ? " " : $0 }))
    }
}
