import Foundation

/// URL-safe names: lower-case ASCII letters, digits and single hyphens.
public enum Slug {
    /// "Mental Health" → "mental-health"; "Café & Co." → "cafe-co".
    public static func make(from text: String) -> String {
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
