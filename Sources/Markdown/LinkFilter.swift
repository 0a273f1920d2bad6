/// discount's SAFELINK checks a link's address before it removes backslash escapes, so `[x](javascript\:…)` and
/// `[x](data\:…)` came out as live `javascript:` and `data:` links. Links whose address has a scheme other than
/// SAFELINK's own (http, https, ftp, news) or mailto (autolinked e-mail addresses) are replaced by their text.
/// With raw HTML disabled every `<a href="` in the output is one discount wrote, so filtering the output is exact.
enum LinkFilter {
    static let opening = Array("<a href=\"".utf8)
    static let safeSchemes: Set<String> = ["http", "https", "ftp", "news", "mailto"]

    static func removeUnsafeLinks(from html: String) -> String {
        var html = html
        let hasLink = html.withUTF8 { CodeLanguageFilter.firstMatch(of: opening, in: $0, from: 0) != nil }
        guard hasLink else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count)
        var rest = html[...]
        while let start = rest.firstRange(of: "<a href=\"") {
            result += rest[..<start.lowerBound]
            // From before the address's opening quote, so quoted text is skipped.
            guard let end = ImageFilter.tagEnd(in: rest[rest.utf8.index(start.lowerBound, offsetBy: 2)...]) else {
                rest = rest[start.lowerBound...]
                break
            }
            let tag = rest[start.lowerBound...end]
            let after = rest[rest.index(after: end)...]
            if let address = ImageFilter.attribute("href", in: tag), isSafe(address) {
                result += tag
                rest = after
            } else if let close = after.firstRange(of: "</a>") {
                result += after[..<close.lowerBound]  // links do not nest: the next </a> closes this one
                rest = after[close.upperBound...]
            } else {
                rest = after
            }
        }
        result += rest
        return result
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
