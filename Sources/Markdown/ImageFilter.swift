/// discount's SAFELINK does not cover images: `![x](javascript:…)` renders with a live `src`.
/// With raw HTML disabled every `<img` in the output came from Markdown, so filtering the output is exact.
enum ImageFilter {
    static func removeUnsafeImages(from html: String) -> String {
        guard html.contains("<img ") else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count)
        var rest = html[...]
        while let start = rest.firstRange(of: "<img ") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstRange(of: ">") else {
                rest = rest[start.lowerBound...]
                break
            }
            let tag = rest[start.lowerBound..<end.upperBound]
            if let source = attribute("src", in: tag), isSafeImageSource(source) {
                result += tag
            } else {
                result += attribute("alt", in: tag) ?? ""
            }
            rest = rest[end.upperBound...]
        }
        result += rest
        return result
    }

    /// The value of `name="…"` in a tag discount wrote (it always quotes with double quotes).
    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let start = tag.firstRange(of: " \(name)=\"") else { return nil }
        guard let end = tag[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(tag[start.upperBound..<end])
    }

    /// http(s) URLs and relative URLs (no scheme) are safe; anything with another scheme is not.
    /// Character references are decoded first so `javascript&#58;` cannot pass as relative.
    static func isSafeImageSource(_ escaped: String) -> Bool {
        let source = decodeCharacterReferences(escaped)
            .filter { !$0.isWhitespace && !($0.asciiValue.map { $0 < 0x20 } ?? false) }
            .lowercased()
        if source.hasPrefix("http://") || source.hasPrefix("https://") { return true }
        let beforePath = source.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !beforePath.contains(":") && !source.contains("&")
    }

    static func decodeCharacterReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            output += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(12).firstIndex(of: ";") {
                let name = after[..<semi]
                if let scalar = decodeReference(name) {
                    output.unicodeScalars.append(scalar)
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            output += "&"
            rest = after
        }
        output += rest
        return output
    }

    private static func decodeReference(_ name: Substring) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "colon": return ":"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default: break
        }
        guard name.first == "#" else { return nil }
        let digits = name.dropFirst()
        let value: UInt32?
        if digits.first == "x" || digits.first == "X" {
            value = UInt32(digits.dropFirst(), radix: 16)
        } else {
            value = UInt32(digits, radix: 10)
        }
        return value.flatMap(Unicode.Scalar.init)
    }
}
