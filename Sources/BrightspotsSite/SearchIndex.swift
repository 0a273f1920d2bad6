import BrightspotsCore
import Foundation

/// The index the search page's script (`Themes/default/static/assets/search.js`) loads from `/search/index.json`.
///
/// Compact JSON, one object:
///
/// ```
/// {"version":1,
///  "fields":["title","summary","slug","kind","date","tags","principles"],
///  "kinds":[["aar","After Action Review","/after-action-reviews/"],…],     id, label, section address
///  "tags":[["housing","Housing"],…],                                        slug, label: the tags in use
///  "principles":[["no-wrong-front-door","No wrong front door"],…],          slug, title: the whole catalogue
///  "stopwords":"a about …",
///  "entries":[["A discharge that held","Summary…",[21,""],1,20260922,"DD","AD"],…],
///  "terms":"accommodation advice …",
///  "postings":"Bd ~_-A …"}
/// ```
///
/// - `entries` are newest first; each is a row of `fields`. `summary` is shortened to `summaryLimit` characters.
///   `slug` is the entry's slug, or `[n, rest]`: the first `n` characters of `SearchText.titleSlug(title)` followed by
///   `rest` (most slugs are made from the title, so this saves most of their length). The entry's address is the
///   kind's section address + slug + "/". `kind` is a position in `kinds`; `tags` and `principles` are positions in
///   those lists, written in the gap form of `SearchPostings`; `date` is yyyymmdd as a number.
/// - `terms` (space-separated, sorted) are the words of each entry's body (its `bodyTermLimit` most frequent), full
///   summary and team, without stopwords; `postings` (space-separated, one per term) say which entries hold each
///   term, encoded by `SearchPostings`. Titles, summaries and tag and principle names are matched by the script
///   from the rows themselves, so they rank above body words.
enum SearchIndex {
    static let version = 1

    /// How often each search term occurs in an entry's body (its HTML when the build has it).
    static func bodyTermCounts(html: String?, entry: Entry) -> [String: Int] {
        var counts: [String: Int] = [:]
        let text = html.map(PlainText.from(html:)) ?? PlainText.from(markdown: entry.body)
        for term in SearchText.terms(text) { counts[term, default: 0] += 1 }
        return counts
    }
    static let fields = ["title", "summary", "slug", "kind", "date", "tags", "principles"]
    /// Summaries are shown under each result; longer ones are cut at a word.
    static let summaryLimit = 120
    /// At most this many distinct words of each body, the most frequent first.
    static let bodyTermLimit = 200

    /// `bodies` are the entries' rendered HTML by slug, when the build has them; others are rendered here.
    /// `termCounts`, when given, supplies each entry's body word counts (the build cache keeps them per body).
    static func json(collection: ContentCollection, vocabulary: Vocabulary, urls: SiteURLs,
                     bodies: BodyLookup = BodyLookup([:]),
                     termCounts: (@Sendable (Entry) -> [String: Int])? = nil) -> String {
        let entries = collection.entries
        let kinds = vocabulary.site.kinds
        let kindIndex = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1.id, $0) })
        let tags = collection.byTag.keys.sorted()
        let tagIndex = Dictionary(uniqueKeysWithValues: tags.enumerated().map { ($1, $0) })
        let principles = vocabulary.principles.principles
        let principleIndex = Dictionary(uniqueKeysWithValues: principles.enumerated().map { ($1.slug, $0) })

        // Body words counted per entry on all cores; summary and team words are always kept.
        let counted = ParallelMap.map(entries) { entry -> (body: [String: Int], always: Set<String>) in
            let body = termCounts?(entry) ?? bodyTermCounts(html: bodies[entry.slug], entry: entry)
            let always = Set(SearchText.terms(entry.summary + " " + (entry.team ?? "")))
            return (body, always)
        }
        var documentFrequency: [String: Int] = [:]
        for entry in counted { for term in entry.body.keys { documentFrequency[term, default: 0] += 1 } }
        var postings: [String: [Int]] = [:]
        for (position, entry) in counted.enumerated() {
            // The most frequent words; among equals the rarer across the site, then alphabetical, so output is stable.
            let kept = entry.body.sorted {
                if $0.value != $1.value { return $0.value > $1.value }
                let (a, b) = (documentFrequency[$0.key] ?? 0, documentFrequency[$1.key] ?? 0)
                return a != b ? a < b : $0.key < $1.key
            }.prefix(bodyTermLimit).map(\.key)
            for term in entry.always.union(kept) { postings[term, default: []].append(position) }
        }
        let terms = postings.keys.sorted()

        var out = SearchJSONWriter()
        out.raw("{\"version\":\(version),\"fields\":")
        out.strings(fields)
        out.raw(",\"kinds\":")
        out.array(kinds) { out, kind in out.strings([kind.id, kind.label, urls.section(kind.id)]) }
        out.raw(",\"tags\":")
        out.array(tags) { out, tag in out.strings([tag, vocabulary.tags.label(for: tag)]) }
        out.raw(",\"principles\":")
        out.array(principles) { out, principle in out.strings([principle.slug, principle.title]) }
        out.raw(",\"stopwords\":")
        out.string(SearchText.stopwords.sorted().joined(separator: " "))
        out.raw(",\"entries\":")
        out.array(entries) { out, entry in
            out.raw("[")
            out.string(entry.title)
            out.raw(",")
            out.string(PlainText.truncate(entry.summary, limit: summaryLimit))
            out.raw(",")
            let shared = SearchText.sharedPrefixLength(SearchText.titleSlug(entry.title), entry.slug)
            if shared > 0 {
                out.raw("[\(shared),")
                out.string(String(entry.slug.dropFirst(shared)))
                out.raw("]")
            } else {
                out.string(entry.slug)
            }
            let date = entry.date.year * 10_000 + entry.date.month * 100 + entry.date.day
            out.raw(",\(kindIndex[entry.kind] ?? -1),\(date),")
            out.string(SearchPostings.gapForm(entry.tags.compactMap { tagIndex[$0] }.sorted()))
            out.raw(",")
            out.string(SearchPostings.gapForm(entry.principles.compactMap { principleIndex[$0] }.sorted()))
            out.raw("]")
        }
        out.raw(",\"terms\":")
        out.string(terms.joined(separator: " "))
        out.raw(",\"postings\":")
        out.string(terms.map { SearchPostings.encode(postings[$0] ?? []) }.joined(separator: " "))
        out.raw("}\n")
        return out.text
    }
}

/// Which entries hold a term, as a short string of characters from `alphabet` (no space, quote or backslash).
/// Whichever of two forms is shorter:
/// - gaps: for each entry position in increasing order, the gap from the previous one (the first from -1) less one,
///   in base 32, most significant digit first; every digit but the last has 32 added (a continuation mark);
/// - bits: "~" then one character per six positions, bit `p % 6` of character `p / 6` set when position `p` holds it.
enum SearchPostings {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    static let bitsMark: Character = "~"

    static func encode(_ positions: [Int]) -> String {
        let gaps = gapForm(positions)
        let bits = bitForm(positions)
        return bits.count < gaps.count ? bits : gaps
    }

    static func gapForm(_ positions: [Int]) -> String {
        var out = ""
        var previous = -1
        for position in positions {
            var gap = position - previous - 1
            previous = position
            var digits: [Int] = []
            repeat { digits.append(gap & 31); gap >>= 5 } while gap > 0
            for (index, digit) in digits.reversed().enumerated() {
                out.append(alphabet[digit + (index < digits.count - 1 ? 32 : 0)])
            }
        }
        return out
    }

    static func bitForm(_ positions: [Int]) -> String {
        guard let last = positions.last else { return String(bitsMark) }
        var cells = Array(repeating: 0, count: last / 6 + 1)
        for position in positions { cells[position / 6] |= 1 << (position % 6) }
        return String(bitsMark) + String(cells.map { alphabet[$0] })
    }

    /// The positions an encoded string holds (what search.js does).
    static func decode(_ text: String) -> [Int] {
        var values: [Character: Int] = [:]
        for (value, character) in alphabet.enumerated() { values[character] = value }
        var positions: [Int] = []
        if text.first == bitsMark {
            for (cell, character) in text.dropFirst().enumerated() {
                let value = values[character] ?? 0
                for bit in 0..<6 where value & (1 << bit) != 0 { positions.append(cell * 6 + bit) }
            }
        } else {
            var previous = -1
            var gap = 0
            for character in text {
                let value = values[character] ?? 0
                gap = gap * 32 + (value & 31)
                if value < 32 {
                    previous += gap + 1
                    positions.append(previous)
                    gap = 0
                }
            }
        }
        return positions
    }
}

/// How text becomes search words. search.js follows the same rules, so the query's words meet the index's.
enum SearchText {
    /// Common English words left out of the index (and of queries that have other words). Written to the index so
    /// the script uses the same list.
    static let stopwords: Set<String> = [
        "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because",
        "been", "before", "being", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
        "during", "each", "few", "for", "from", "had", "has", "have", "he", "her", "here", "hers", "him", "his",
        "how", "if", "in", "into", "is", "it", "its", "just", "me", "more", "most", "my", "no", "nor", "not", "now",
        "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "out", "over", "own", "same", "she",
        "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there", "these",
        "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we", "were",
        "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
        "yours",
    ]
    /// Shorter words are not indexed (but two letters are: "GP", "AE").
    static let minimumLength = 2
    /// Longer "words" (addresses, codes) are not indexed.
    static let maximumLength = 40

    /// Lower-cased words, accents removed, split at anything but letters and digits: "Café's A&E" → café→cafe, s, a, e.
    /// (search.js: `text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").match(/[\p{L}\p{N}]+/gu)`.)
    ///
    /// By bytes: ASCII punctuation and spaces end a word whatever surrounds them, and lower-casing and
    /// decomposition work scalar by scalar, so the text is cut there first; a run of ASCII letters and digits is
    /// lower-cased directly, and only a run holding other scalars goes through the Unicode path.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var ascii = true
            func flush(_ end: Int) {
                guard start < end else { return }
                let run = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if ascii {
                    words.append(String(unsafeUninitializedCapacity: run.count) { buffer in
                        for (offset, byte) in run.enumerated() {
                            buffer[offset] = byte >= 65 && byte <= 90 ? byte + 32 : byte
                        }
                        return run.count
                    })
                } else {
                    words += unicodeWords(String(decoding: run, as: UTF8.self))
                }
            }
            for (index, byte) in bytes.enumerated() {
                if byte >= 0x80 {
                    ascii = false
                } else if !(byte >= 48 && byte <= 57 || byte >= 65 && byte <= 90 || byte >= 97 && byte <= 122) {
                    flush(index)
                    start = index + 1
                    ascii = true
                }
            }
            flush(bytes.count)
        }
        return words
    }

    /// The words of text with scalars beyond ASCII, through Unicode's lower-casing, decomposition and categories.
    static func unicodeWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                current.append(scalar)
            default:
                if !current.isEmpty { words.append(String(current)); current = String.UnicodeScalarView() }
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }

    /// The words worth indexing: not stopwords, neither too short nor too long.
    static func terms(_ text: String) -> [String] {
        words(text).filter {
            let length = $0.unicodeScalars.count
            return length >= minimumLength && length <= maximumLength && !stopwords.contains($0)
        }
    }

    /// A slug made from a title by a rule simple enough to repeat exactly in the script: ASCII letters and digits,
    /// lower-cased; apostrophes dropped; any other run of characters one hyphen. Used only to shorten stored slugs.
    static func titleSlug(_ title: String) -> String {
        var slug = String.UnicodeScalarView()
        var pendingHyphen = false
        for scalar in title.unicodeScalars {
            var value = scalar.value
            if (65...90).contains(value) { value += 32 }
            if (97...122).contains(value) || (48...57).contains(value) {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.append(Unicode.Scalar(value)!)
            } else if scalar != "'" && scalar != "\u{2019}" {
                pendingHyphen = true
            }
        }
        return String(slug)
    }

    /// How many leading characters (ASCII: slugs are ASCII) two strings share.
    static func sharedPrefixLength(_ a: String, _ b: String) -> Int {
        zip(a.utf8, b.utf8).prefix { $0 == $1 }.count
    }
}

/// Writes JSON text without a dictionary in between, so the order of keys and the output are stable.
struct SearchJSONWriter {
    private(set) var text = ""

    mutating func raw(_ json: String) { text += json }

    mutating func string(_ value: String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{2028}", "\u{2029}": text += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 {
                    text += String(format: "\\u%04x", scalar.value)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }

    mutating func strings(_ values: [String]) {
        array(values) { out, value in out.string(value) }
    }

    mutating func array<T>(_ values: [T], _ element: (inout SearchJSONWriter, T) -> Void) {
        text += "["
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            element(&self, value)
        }
        text += "]"
    }
}
