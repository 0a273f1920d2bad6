/// discount's SAFELINK does not cover images: `![x](javascript:…)` renders with a live `src`.
/// With raw HTML disabled every `<img` in the output came from Markdown, so filtering the output is exact.
enum ImageFilter {
    static func removeUnsafeImages(from html: String) -> String {
        // Most bodies have no image: find that out by bytes before walking characters.
        guard html.utf8.withContiguousStorageIfAvailable({ hasImageTag($0) }) ?? true else { return html }
        var result = ""
        result.reserveCapacity(html.utf8.count)
        var rest = html[...]
        while let start = rest.firstRange(of: "<img ") {
            result += rest[..<start.lowerBound]
            guard let end = tagEnd(in: rest[start.upperBound...]) else {
                rest = rest[start.lowerBound...]
                break
            }
            let tag = rest[start.lowerBound...end]
            if let source = attribute("src", in: tag), isSafeImageSource(source) {
                result += tag
            } else {
                result += attribute("alt", in: tag) ?? ""
            }
            rest = rest[rest.index(after: end)...]
        }
        result += rest
        return result
    }

    /// Found by bytes (`ByteSearch`) rather than by characters.
    static func hasImageTag(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteSearch.firstOffset(of: imageTag, in: bytes) != nil
    }

    private static let imageTag = Array("<img ".utf8)

    /// The `>` that closes a tag: discount escapes `<` in attribute values but not `>`, so skip quoted text.
    static func tagEnd(in text: Substring) -> Substring.Index? {
        var quoted = false
        for index in text.indices {
            switch text[index] {
            case "\"": quoted.toggle()
            case ">" where !quoted: return index
            default: continue
            }
        }
        return nil
    }

    /// The value of `name="…"` in a tag discount wrote (it always quotes with double quotes).
    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let start = tag.firstRange(of: " \(name)=\"") else { return nil }
        guard let end = tag[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(tag[start.upperBound..<end])
    }

    /// http(s) URLs and relative URLs (no scheme) are safe; anything with another scheme is not.
    /// Character references are decoded first so `javascript&#58;` cannot pass as relative; a colon can only be
    /// written as `:`, `&colon;` or a numeric reference, all decoded here.
    static func isSafeImageSource(_ escaped: String) -> Bool {
        let source = CharacterReferences.decode(escaped)
            .filter { !$0.isWhitespace && !($0.asciiValue.map { $0 < 0x20 } ?? false) }
            .lowercased()
        if source.hasPrefix("http://") || source.hasPrefix("https://") { return true }
        let beforePath = source.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !beforePath.contains(":") && !containsCharacterReference(source)
    }

    /// After one decoding, a source that still holds something like `&#58` or `&colon;` was encoded twice to hide
    /// its scheme. No real image address looks like that, so it is refused (`?w=1&h=2` is fine).
    static func containsCharacterReference(_ source: String) -> Bool {
        var rest = source[...]
        while let amp = rest.firstIndex(of: "&") {
            let after = rest[rest.index(after: amp)...]
            if after.first == "#" { return true }
            let name = after.prefix { $0.isLetter }
            if !name.isEmpty, after.dropFirst(name.count).first == ";" { return true }
            rest = after
        }
        return false
    }

}
