import Markdown

/// Plain text from Markdown, for summaries, feeds and meta descriptions.
public enum PlainText {
    /// The first paragraph of ordinary text in a body: not a heading, list, quote, table or code.
    public static func firstParagraph(of body: String) -> String? {
        var paragraph: [Substring] = []
        var inFence = false
        // Only the lines up to the end of the first paragraph are read.
        body.forEachLine { line in
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle(); return true }
            if inFence { return true }
            if trimmed.isEmpty { return paragraph.isEmpty }
            let isBlock = trimmed.hasPrefix("#") || trimmed.hasPrefix(">") || trimmed.hasPrefix("|")
                || trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.hasPrefix("+ ")
                || trimmed.first?.isNumber == true && trimmed.contains(". ") && trimmed.prefix { $0.isNumber }.count < 4
                    && trimmed.dropFirst(trimmed.prefix { $0.isNumber }.count).hasPrefix(". ")
                || line.hasPrefix("    ") || trimmed.hasPrefix("[^")
            if isBlock { return paragraph.isEmpty }
            paragraph.append(trimmed)
            return true
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

    /// `from(html:)` with whitespace left as it is: for splitting into words (`SearchText`), where a run of any
    /// whitespace separates words as one space does.
    public static func uncollapsed(html: String) -> String {
        decodeEntities(stripTags(html))
    }

    /// Runs of whitespace become one space; none at either end. Scalar by scalar (what `Character.isWhitespace`
    /// looks at), without breaking the text into grapheme clusters; ASCII by bytes, copying runs without spaces
    /// whole. The output is never longer than the text, so it is written straight into the new string.
    static func collapseWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { output in
                var written = 0
                var pendingSpace = false
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    let isSpace = byte < 0x80
                        ? isASCIISpace(byte)
                        : scalar(in: bytes, at: index, length: length).properties.isWhitespace
                    if isSpace {
                        pendingSpace = written > 0
                        index += length
                        continue
                    }
                    if pendingSpace { output[written] = 0x20; written += 1 }
                    pendingSpace = false
                    // This scalar and the ASCII non-spaces after it, in one copy.
                    var end = index + length
                    while end < bytes.count, bytes[end] < 0x80, !isASCIISpace(bytes[end]) { end += 1 }
                    (output.baseAddress! + written).initialize(from: bytes.baseAddress! + index, count: end - index)
                    written += end - index
                    index = end
                }
                return written
            }
        }
    }

    @inline(__always)
    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
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

    /// By bytes in UTF-8: "<" and ">" are ASCII, so text between tags is copied as it is, a run at a time. A tag's
    /// name is packed into a number (see `packedName`) to look it up without making an array. The output is never
    /// longer than the HTML.
    static func stripTags(_ html: String) -> String {
        var html = html
        return html.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { output in
                var written = 0
                var index = 0
                while index < bytes.count {
                    let text = index
                    while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                    if index > text {
                        (output.baseAddress! + written).initialize(from: bytes.baseAddress! + text, count: index - text)
                        written += index - text
                    }
                    guard index < bytes.count else { break }
                    // The name: letters and digits after any slashes, up to anything else; an unclosed tag is dropped.
                    index += 1
                    var name: UInt64 = 0
                    var length = 0
                    var nameDone = false
                    while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                        if !nameDone {
                            let byte = bytes[index]
                            if byte == UInt8(ascii: "/"), length == 0 {
                            } else if let code = nameCode(byte) {
                                name = name << 6 | code
                                length += 1
                            } else {
                                nameDone = true
                            }
                        }
                        index += 1
                    }
                    guard index < bytes.count else { break }
                    if length <= maxPackedLength, blockTagCodes.contains(name) {
                        output[written] = UInt8(ascii: " ")
                        written += 1
                    }
                    index += 1
                }
                return written
            }
        }
    }

    /// Six bits a character, never zero, so names up to ten characters (`blockquote`) pack without collisions.
    static let maxPackedLength = 10

    /// A tag-name byte's code (letters lower-cased), or nil for a byte that ends the name.
    @inline(__always)
    static func nameCode(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt64(byte - UInt8(ascii: "a") + 1)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt64(byte - UInt8(ascii: "A") + 1)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte - UInt8(ascii: "0") + 27)
        default: nil
        }
    }

    static func packedName(_ name: String) -> UInt64 {
        name.utf8.reduce(0) { $0 << 6 | nameCode($1)! }
    }

    static let blockTagCodes: Set<UInt64> = Set(blockTags.map(packedName))

    public static func decodeEntities(_ text: String) -> String {
        let decoded = CharacterReferences.decode(text)
        guard decoded.containsBytes("\u{A0}") else { return decoded }
        return String(String.UnicodeScalarView(decoded.unicodeScalars.map { $0 == "\u{A0}" ? " " : $0 }))
    }
}
