/// discount copies a fenced code block's info string (the `swift` of ```` ```swift ````) into
/// `<pre><code class="…">` without escaping it, so ```` ```"><script> ```` opened a live element even with raw HTML
/// disabled. The class is escaped here, after rendering.
///
/// With raw HTML disabled every `<pre><code class="` in the output is one discount wrote. The info string is one
/// source line and discount escapes `<`, `>` and `&` in code text, so the class ends at the last `">` before the
/// next line break: anything after that on the line is code text, which holds no raw `>`.
enum CodeLanguageFilter {
    static let opening = Array("<pre><code class=\"".utf8)

    static func escapeLanguages(in html: String) -> String {
        var html = html
        let escaped: String? = html.withUTF8 { bytes in
            guard ByteSearch.firstOffset(of: opening, in: bytes) != nil else { return nil }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 64)
            var position = 0
            while let start = ByteSearch.firstOffset(of: opening, in: bytes, from: position) {
                let classStart = start + opening.count
                output.append(contentsOf: bytes[position..<classStart])
                var lineEnd = classStart
                while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                // The last `">` on the line closes the tag; without one (never seen) the whole line is class.
                var classEnd = lineEnd
                var index = lineEnd - 1
                while index > classStart {
                    if bytes[index] == UInt8(ascii: ">"), bytes[index - 1] == UInt8(ascii: "\"") {
                        classEnd = index - 1
                        break
                    }
                    index -= 1
                }
                for byte in bytes[classStart..<classEnd] { appendEscaped(byte, to: &output) }
                if classEnd == lineEnd { output.append(contentsOf: Array("\">".utf8)) }
                position = classEnd
            }
            output.append(contentsOf: bytes[position...])
            return String(decoding: output, as: UTF8.self)
        }
        return escaped ?? html
    }

    static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "&"): output.append(contentsOf: Array("&amp;".utf8))
        case UInt8(ascii: "<"): output.append(contentsOf: Array("&lt;".utf8))
        case UInt8(ascii: ">"): output.append(contentsOf: Array("&gt;".utf8))
        case UInt8(ascii: "\""): output.append(contentsOf: Array("&quot;".utf8))
        case UInt8(ascii: "'"): output.append(contentsOf: Array("&#39;".utf8))
        default: output.append(byte)
        }
    }
}
