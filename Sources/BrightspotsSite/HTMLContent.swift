import Mustache

/// The content type every theme template renders with: HTML, escaped exactly as swift-mustache's own `HTML` type
/// does (`<`, `>`, `&`, `"` and `'`), but by bytes, and returning the text untouched when it has nothing to escape,
/// which is most of what a page interpolates. swift-mustache's own escape walks `Character`s through a dictionary;
/// on a large site it was a tenth of the build.
struct FastHTMLContentType: MustacheContentType {
    static let name = "BRIGHTSPOTS_HTML"
    /// Put at the top of each template so it renders with this type; on a line of its own, so it is standalone and
    /// leaves no text behind. Error line numbers are one more than the file's.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"

    static let registered: Void = MustacheContentTypes.register(FastHTMLContentType(), named: name)

    func escapeText(_ text: String) -> String { HTMLEscape.escape(text) }
}

/// HTML escaping by bytes. Unlike escaping by `Character`, a `<` followed by a combining mark is escaped too.
enum HTMLEscape {
    static func escape(_ text: String) -> String {
        var contiguous = text
        let escaped = contiguous.withUTF8 { bytes -> String? in
            guard bytes.contains(where: needsEscape) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "<"): out += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
                case UInt8(ascii: ">"): out += [0x26, 0x67, 0x74, 0x3B]  // &gt;
                case UInt8(ascii: "&"): out += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
                case UInt8(ascii: "\""): out += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
                case UInt8(ascii: "'"): out += [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
