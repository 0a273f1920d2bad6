/// discount's SAFELINK checks a link's address before it removes backslash escapes, so `[x](javascript\:…)` and
/// `[x](data\:…)` came out as live `javascript:` and `data:` links. Links whose address has a scheme other than
/// SAFELINK's own (http, https, ftp, news) or mailto (autolinked e-mail addresses) are replaced by their text.
/// With raw HTML disabled every `<a href="` in the output is one discount wrote, so filtering the output is exact.
enum LinkFilter {
    static let opening = Array("<a href=\"".utf8)
    static let closing = Array("</a>".utf8)
    static let safeSchemes: Set<String> = ["http", "https", "ftp", "news", "mailto"]

    /// By bytes: this runs on every body. The markers, quotes and `>` count only as whole characters (see
    /// `GraphemeBytes`), as they did when the filter searched characters, so the output is the same for any text.
    static func removeUnsafeLinks(from html: String) -> String {
        var html = html
        let first = html.withUTF8 { ByteSearch.firstOffset(of: opening, in: $0) }
        guard var start = first else { return html }
        return html.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var copied = 0  // bytes before this are in `output` or dropped
            var position = 0
            while let found = GraphemeBytes.find(opening, in: bytes, from: start) {
                // From before the address's opening quote, so quoted text is skipped.
                guard let end = tagEnd(in: bytes, from: found + 2) else { break }
                let quote = found + opening.count
                let address = closingQuote(in: bytes, from: quote, before: end).map {
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[quote..<$0]), as: UTF8.self)
                }
                if let address, isSafe(address) {
                    position = end + 1
                } else {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<found]))
                    copied = end + 1
                    position = end + 1
                    // Links do not nest: the next </a> closes this one.
                    if let close = GraphemeBytes.find(closing, in: bytes, from: end + 1) {
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[end + 1..<close]))
                        copied = close + closing.count
                        position = copied
                    }
                }
                start = position
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// The `>` that closes a tag: discount escapes `<` in attribute values but not `>`, so skip quoted text.
    static func tagEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var quoted = false
        for index in start..<bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\"") where GraphemeBytes.isWhole(bytes, index, index + 1): quoted.toggle()
            case UInt8(ascii: ">") where !quoted && GraphemeBytes.isWhole(bytes, index, index + 1): return index
            default: continue
            }
        }
        return nil
    }

    /// The `"` that ends the address opened at `start` (discount always quotes with double quotes).
    static func closingQuote(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, before end: Int) -> Int? {
        (start..<end).first { bytes[$0] == UInt8(ascii: "\"") && GraphemeBytes.isWhole(bytes, $0, $0 + 1) }
    }

    /// An address is safe without a scheme (relative) or with a safe one. The scheme is found as a browser's URL
    /// parser finds it, after one decoding of character references: leading spaces and controls stripped, tabs and
    /// line breaks anywhere removed, then letters, digits, `+`, `-` and `.` up to a colon.
    static func isSafe(_ escaped: String) -> Bool {
        var scalars = Array(CharacterReferences.decode(escaped).unicodeScalars)
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        scalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.first, first.isASCII, first.properties.isAlphabetic else { return true }
        var scheme = ""
        for scalar in scalars {
            if scalar == ":" { return safeSchemes.contains(scheme.lowercased()) }
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || scalar == "+" || scalar == "-" || scalar == "." else { return true }
            scheme.unicodeScalars.append(scalar)
        }
        return true
    }
}
