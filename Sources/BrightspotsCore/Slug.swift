import Foundation

/// URL-safe names: lower-case ASCII letters, digits and single hyphens.
public enum Slug {
    /// "Mental Health" → "mental-health"; "Café & Co." → "cafe-co".
    public static func make(from text: String) -> String {
        // ASCII text, as slugs, file names and most tags are, needs no folding beyond lower case: Foundation's
        // folding was most of the time of checking every entry's slug and tags.
        if let slug = asciiSlug(text) { return slug }
        return foldedSlug(text)
    }

    /// What `foldedSlug` makes of ASCII text, by bytes; nil for any other text.
    static func asciiSlug(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var slug: [UInt8] = []
            slug.reserveCapacity(bytes.count)
            var pendingHyphen = false
            for byte in bytes {
                let lower = byte &- 65 < 26 ? byte + 32 : byte
                if lower &- 97 < 26 || lower &- 48 < 10 {
                    if pendingHyphen && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                    pendingHyphen = false
                    slug.append(lower)
                } else if byte != UInt8(ascii: "'") {
                    pendingHyphen = true
                }
            }
            return String(decoding: slug, as: UTF8.self)
        }
    }

    /// Any text: folded to lower case without diacritics, then letters and digits kept and the rest made hyphens.
    static func foldedSlug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else if scalar != "'" && scalar != "\u{2019}" {
                // Apostrophes join ("people's" → "peoples"); everything else separates words.
                pendingHyphen = true
            }
        }
        return slug
    }

    public static func isValid(_ slug: String) -> Bool {
        !slug.isEmpty && make(from: slug) == slug
    }
}
