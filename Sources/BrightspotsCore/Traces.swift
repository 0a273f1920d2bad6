/// The ways an entry's slug and title can be written in a built site's files, so that a takedown can check that
/// nothing it removed is still mentioned: the title as typed and as each output format escapes it (HTML, XML,
/// JSON, iCalendar), and the slug as a whole word (`late-discharge`, not `late-discharge-2`).
public struct Traces: Sendable, Equatable {
    public let slug: String
    /// The distinct forms of the title, longest first.
    public let titleForms: [String]

    public init(slug: String, title: String) {
        self.slug = slug
        var forms: [String] = []
        for form in [title, Self.html(title), Self.xml(title), Self.json(title), Self.iCalendar(title)]
        where !form.isEmpty && !forms.contains(form) {
            forms.append(form)
        }
        titleForms = forms.sorted { $0.utf8.count > $1.utf8.count }
    }

    /// What `bytes` (one file's contents) still mentions: "slug" and/or the title forms found. iCalendar lines
    /// folded at 75 octets are unfolded first.
    public func found(in bytes: [UInt8]) -> [String] {
        let text = Self.unfolded(bytes)
        var found: [String] = []
        if !slug.isEmpty, Self.occurs(Array(slug.utf8), in: text, asWord: true) { found.append("slug “\(slug)”") }
        if titleForms.contains(where: { Self.occurs(Array($0.utf8), in: text, asWord: false) }) { found.append("title") }
        return found
    }

    static func html(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func xml(_ text: String) -> String {
        html(text).replacingOccurrences(of: "&#39;", with: "&apos;")
    }

    static func json(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func iCalendar(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            default: out.append(character)
            }
        }
        return out
    }

    /// The bytes with every CRLF-space (an iCalendar fold) removed.
    static func unfolded(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 2 < bytes.count, bytes[index + 1] == 10, bytes[index + 2] == 32 {
                index += 3
                continue
            }
            out.append(bytes[index])
            index += 1
        }
        return out
    }

    /// Whether `needle` occurs in `haystack`; as a word, the bytes either side must not be slug characters.
    static func occurs(_ needle: [UInt8], in haystack: [UInt8], asWord: Bool) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        func isSlugByte(_ byte: UInt8) -> Bool {
            (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2D
                || byte == 0x5F
        }
        var start = 0
        let last = haystack.count - needle.count
        while start <= last {
            if haystack[start] == first, haystack[start..<(start + needle.count)].elementsEqual(needle) {
                let before = start > 0 ? haystack[start - 1] : 0x20
                let after = start + needle.count < haystack.count ? haystack[start + needle.count] : 0x20
                if !asWord || (!isSlugByte(before) && !isSlugByte(after)) { return true }
            }
            start += 1
        }
        return false
    }
}
