/// Reads HTML as a browser's tokenizer would and lists whatever could run script or load something. Empty means
/// inert. Two policies: a rendered body may hold only the elements and attributes the Markdown wrapper writes; a
/// whole page (the theme's markup around it) may hold anything but script of its own making.
public enum HTMLSafety {
    /// Every element discount writes with the wrapper's flags.
    static let bodyElements: Set<String> = [
        "a", "blockquote", "br", "code", "del", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li",
        "ol", "p", "pre", "strong", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
    ]
    static let bodyAttributes: Set<String> = ["href", "src", "alt", "title", "class", "id", "rel", "rev", "style", "align",
                                              "type", "start"]
    /// SAFELINK lets these through (and autolinked e-mail addresses become mailto:).
    static let linkSchemes: Set<String> = ["http", "https", "ftp", "news", "mailto"]
    static let imageSchemes: Set<String> = ["http", "https"]
    /// Attributes whose value a browser loads or follows.
    static let addressAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href", "data", "poster"]

    /// A Markdown body as rendered: only the wrapper's elements and attributes, safe link and image schemes.
    public static func violations(inBody html: String) -> [String] {
        var problems: [String] = []
        for tag in HTMLTag.scan(html) {
            if let problem = tag.problem { problems.append(problem); continue }
            if !bodyElements.contains(tag.name) { problems.append("element <\(tag.name)> at byte \(tag.offset)") }
            for (name, value) in tag.attributes {
                guard bodyAttributes.contains(name) else {
                    problems.append("attribute \(name)=\"\(value.prefix(60))\" on <\(tag.name)>")
                    continue
                }
                problems += addressProblems(name, value, on: tag.name)
                if name == "style", !value.hasPrefix("text-align:") || value.contains("(") || value.contains("\\") {
                    problems.append("style \"\(value.prefix(60))\" on <\(tag.name)>")
                }
            }
        }
        return problems
    }

    /// A whole page or feed: no script element but the theme's own files (`<script src="/…">`), no frame or
    /// plug-in, no event-handler attribute, no address with an unsafe scheme, no comment or declaration past the
    /// doctype.
    public static func violations(inPage html: String) -> [String] {
        var problems: [String] = []
        for tag in HTMLTag.scan(html) {
            if let problem = tag.problem {
                // The doctype of a page, or the XML declaration of a feed, opens the file.
                let opening = problem.hasPrefix("declaration <!doctype") || problem.hasPrefix("declaration <?xml")
                if !(tag.offset == 0 && opening) { problems.append(problem) }
                continue
            }
            if tag.name == "script", !tag.closing {
                let source = tag.attributes.first { $0.name == "src" }?.value ?? ""
                if !source.hasPrefix("/") || source.hasPrefix("//") {
                    problems.append("script element \(tag.attributes.isEmpty ? "with inline code" : "from \(source)") at byte \(tag.offset)")
                }
            }
            if ["iframe", "object", "embed", "base", "frame", "frameset", "applet"].contains(tag.name) {
                problems.append("element <\(tag.name)> at byte \(tag.offset)")
            }
            for (name, value) in tag.attributes {
                if name.hasPrefix("on") { problems.append("event handler \(name) on <\(tag.name)> at byte \(tag.offset)") }
                problems += addressProblems(name, value, on: tag.name)
            }
        }
        return problems
    }

    static func addressProblems(_ name: String, _ value: String, on element: String) -> [String] {
        guard addressAttributes.contains(name), let scheme = scheme(of: value) else { return [] }
        let allowed = name == "href" ? linkSchemes : imageSchemes
        return allowed.contains(scheme) ? [] : ["\(name) with \(scheme): on <\(element)>"]
    }

    /// The scheme a browser's URL parser finds: leading C0 controls and spaces stripped, tabs and line breaks
    /// anywhere removed, then letters, digits, `+`, `-`, `.` up to a `:`.
    static func scheme(of url: String) -> String? {
        var scalars = Array(url.unicodeScalars)
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        scalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.first, first.isASCII, first.properties.isAlphabetic else { return nil }
        var scheme = ""
        for scalar in scalars {
            if scalar == ":" { return scheme.lowercased() }
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || scalar == "+" || scalar == "-" || scalar == "." else { return nil }
            scheme.unicodeScalars.append(scalar)
        }
        return nil
    }
}

/// The tags in HTML as the tokenizer of the HTML standard finds them (data state, tag names, attributes with
/// quoted and unquoted values; character references in values decoded).
public struct HTMLTag {
    public var name: String
    public var closing: Bool
    public var attributes: [(name: String, value: String)]
    /// Set for `<!…>` and `<?…>`: comments, declarations, processing instructions.
    public var problem: String?
    public var offset: Int

    public static func scan(_ html: String) -> [HTMLTag] {
        let bytes = Array(html.utf8)
        var tags: [HTMLTag] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count else { index += 1; continue }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) ?? bytes.count
                let text = String(decoding: bytes[index..<min(end + 1, bytes.count)].prefix(40), as: UTF8.self)
                tags.append(HTMLTag(name: "", closing: false, attributes: [],
                                     problem: "declaration \(text.lowercased()) at byte \(index)", offset: index))
                index = end + 1
                continue
            }
            var cursor = index + 1
            let closing = bytes[cursor] == UInt8(ascii: "/")
            if closing { cursor += 1 }
            guard cursor < bytes.count, isASCIILetter(bytes[cursor]) else { index += 1; continue }
            let nameStart = cursor
            while cursor < bytes.count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: "/"),
                  bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
            var tag = HTMLTag(name: text(bytes[nameStart..<cursor]).lowercased(), closing: closing, attributes: [],
                               problem: nil, offset: index)
            cursor = readAttributes(bytes, from: cursor, into: &tag)
            tags.append(tag)
            index = cursor
        }
        return tags
    }

    /// Reads attributes up to the tag's `>`; returns the index after it.
    static func readAttributes(_ bytes: [UInt8], from start: Int, into tag: inout HTMLTag) -> Int {
        var cursor = start
        while cursor < bytes.count {
            while cursor < bytes.count, isSpace(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "/") { cursor += 1 }
            guard cursor < bytes.count else { break }
            if bytes[cursor] == UInt8(ascii: ">") { return cursor + 1 }
            let nameStart = cursor
            cursor += 1  // a first `=` belongs to the name
            while cursor < bytes.count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: "/"),
                  bytes[cursor] != UInt8(ascii: ">"), bytes[cursor] != UInt8(ascii: "=") { cursor += 1 }
            let name = text(bytes[nameStart..<cursor]).lowercased()
            while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
            var value = ""
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") {
                cursor += 1
                while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                    let quote = bytes[cursor]
                    let valueStart = cursor + 1
                    cursor = valueStart
                    while cursor < bytes.count, bytes[cursor] != quote { cursor += 1 }
                    value = text(bytes[valueStart..<min(cursor, bytes.count)])
                    cursor += 1
                } else {
                    let valueStart = cursor
                    while cursor < bytes.count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
                    value = text(bytes[valueStart..<cursor])
                }
            }
            tag.attributes.append((name, decodeReferences(value)))
        }
        return cursor
    }

    /// Character references as a browser decodes them in an attribute: numeric ones with or without `;`, and the
    /// named ones that can spell a scheme or hide a break.
    static func decodeReferences(_ value: String) -> String {
        guard value.contains("&") else { return value }
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":",
                                       "tab": "\t", "newline": "\n", "nbsp": "\u{A0}", "sol": "/", "period": "."]
        var output = ""
        var rest = Substring(value)
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            var after = rest[rest.index(after: amp)...]
            if after.first == "#" {
                after = after.dropFirst()
                let hex = after.first == "x" || after.first == "X"
                if hex { after = after.dropFirst() }
                let digits = after.prefix { hex ? $0.isHexDigit : $0.isASCII && $0.isNumber }
                if !digits.isEmpty {
                    let number = UInt32(digits.prefix(8), radix: hex ? 16 : 10) ?? 0xFFFD
                    output.unicodeScalars.append(Unicode.Scalar(number) ?? "\u{FFFD}")
                    after = after.dropFirst(digits.count)
                    if after.first == ";" { after = after.dropFirst() }
                    rest = after
                    continue
                }
            } else {
                let name = after.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
                if let decoded = named[String(name)], after.dropFirst(name.count).first == ";" {
                    output += decoded
                    rest = after.dropFirst(name.count + 1)
                    continue
                }
            }
            output += "&"
            rest = rest[rest.index(after: amp)...]
        }
        return output + rest
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
}
