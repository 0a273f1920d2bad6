import BrightspotsCore
import Foundation
import Markdown

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

    /// How often each search term occurs in an entry's body (its HTML when the build has it), the words numbered
    /// in `table`.
    static func bodyTerms(html: String?, entry: Entry, table: TermTable) -> BodyTerms {
        BodyTerms(text: bodyText(html: html, entry: entry), table: table)
    }

    /// The text of the body the search index reads: its HTML when the build has it, without the markup.
    static func bodyText(html: String?, entry: Entry) -> String {
        PlainText.uncollapsed(html: html ?? Markdown.html(from: entry.body))
    }
    static let fields = ["title", "summary", "slug", "kind", "date", "tags", "principles"]
    /// Summaries are shown under each result; longer ones are cut at a word.
    static let summaryLimit = 120
    /// At most this many distinct words of each body, the most frequent first.
    static let bodyTermLimit = 200

    /// `bodies` are the entries' rendered HTML by slug, when the build has them; others are rendered here.
    /// `bodyTerms`, when given, supplies each entry's body words counted in `table` (the build cache keeps them per
    /// body). `memory`, when given, holds the words and postings of the last index, which are brought up to date
    /// when only some bodies changed (`SearchState`), and keeps this index's for the next.
    static func json(collection: ContentCollection, vocabulary: Vocabulary, urls: SiteURLs,
                     bodies: BodyLookup = BodyLookup([:]), table: TermTable = TermTable(),
                     bodyTerms: (([Entry]) -> [BodyTerms])? = nil, phraseKeys: ((Entry) -> Fingerprint?)? = nil,
                     remember: (() -> [UInt8]) -> [UInt8] = { $0() }, memory: SearchMemory? = nil,
                     limit: Int = bodyTermLimit) -> String {
        let entries = collection.entries
        let kinds = vocabulary.site.kinds
        let kindIndex = Dictionary(uniqueKeysWithValues: kinds.enumerated().map { ($1.id, $0) })
        let tags = collection.byTag.keys.sorted()
        let tagIndex = Dictionary(uniqueKeysWithValues: tags.enumerated().map { ($1, $0) })
        let principles = vocabulary.principles.principles
        let principleIndex = Dictionary(uniqueKeysWithValues: principles.enumerated().map { ($1.slug, $0) })

        // Body words counted per entry on all cores; summary and team words are always kept.
        let count = bodyTerms ?? { entries in
            ParallelMap.map(entries) { entry in
                SearchIndex.bodyTerms(html: bodies[entry.slug], entry: entry, table: table)
            }
        }
        let keys = entries.map { memory?.bodyKey($0) }
        var state: SearchState
        if let memory, var previous = memory.take(), previous.fits(site: memory.site, entries: entries) {
            let changed = previous.changed(keys)
            previous.replaceBodies(changed, with: count(changed.map { entries[$0] }), keys: keys, table: table)
            state = previous
        } else {
            let always = table.phrases(keys: entries.map { phraseKeys?($0) }) { index in
                entries[index].summary + " " + (entries[index].team ?? "")
            }
            state = SearchState(site: memory?.site, slugs: entries.map(\.slug), bodyKeys: keys, bodies: count(entries),
                                always: always, table: table, limit: limit)
        }

        // Everything before the words depends on front matter only: `remember` may keep it while only bodies change.
        var out = SearchJSONWriter()
        out.raw(remember {
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
            return out.bytes
        })
        state.writeTerms(to: &out, table: table)
        memory?.keep(state)
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

    /// The alphabet as bytes (it is ASCII).
    static let alphabetBytes: [UInt8] = alphabet.map { $0.asciiValue! }

    static func encode(_ positions: [Int]) -> String {
        var out: [UInt8] = []
        encode(positions, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the shorter form's bytes to `out`.
    static func encode<Position: BinaryInteger>(_ positions: [Position], into out: inout [UInt8]) {
        let start = out.count
        appendGapForm(positions, to: &out)
        let gaps = out.count - start
        // The bit form is "~" and one character per six positions.
        if let last = positions.last.map(Int.init), last / 6 + 2 < gaps {
            out.removeSubrange(start...)
            appendBitForm(positions, to: &out)
        }
    }

    static func gapForm(_ positions: [Int]) -> String {
        var out: [UInt8] = []
        appendGapForm(positions, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func bitForm(_ positions: [Int]) -> String {
        var out: [UInt8] = []
        appendBitForm(positions, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendGapForm<Position: BinaryInteger>(_ positions: [Position], to out: inout [UInt8]) {
        var previous = -1
        for position in positions.lazy.map(Int.init) {
            let gap = position - previous - 1
            previous = position
            // Base-32 digits, most significant first; all but the last marked by adding 32.
            var shift = 0
            while gap >> (shift + 5) > 0 { shift += 5 }
            while shift > 0 {
                out.append(alphabetBytes[(gap >> shift) & 31 + 32])
                shift -= 5
            }
            out.append(alphabetBytes[gap & 31])
        }
    }

    private static func appendBitForm<Position: BinaryInteger>(_ positions: [Position], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "~"))
        guard let last = positions.last.map(Int.init) else { return }
        var cells = [Int](repeating: 0, count: last / 6 + 1)
        for position in positions.lazy.map(Int.init) { cells[position / 6] |= 1 << (position % 6) }
        for cell in cells { out.append(alphabetBytes[cell]) }
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
        words.reserveCapacity(text.utf8.count / 6)
        forEachRun(in: text) { run, ascii in
            if ascii {
                words.append(lowercasedASCII(run))
            } else {
                words += unicodeWords(String(decoding: run, as: UTF8.self))
            }
        }
        return words
    }

    /// Calls `body` with each run of the text between separators, and whether the run is all ASCII. Separators
    /// are ASCII bytes other than letters and digits, and the typographic marks discount writes (curly quotes,
    /// dashes, the ellipsis) and the pound sign: each is punctuation or a symbol that lower-casing and
    /// decomposition leave alone and that blocks the reordering of marks, so cutting there changes no word, and
    /// prose with curly apostrophes keeps to the ASCII path.
    static func forEachRun(in text: String, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var ascii = true
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 && isASCIIWordByte(byte) {
                    index += 1
                    continue
                }
                // Its length in bytes if it is a separator, else 0.
                let separator = byte < 0x80 ? 1 : typographicSeparatorLength(bytes, at: index)
                if separator == 0 {
                    ascii = false
                    index += 1
                    continue
                }
                if start < index { body(UnsafeBufferPointer(rebasing: bytes[start..<index]), ascii) }
                index += separator
                start = index
                ascii = true
            }
            if start < bytes.count { body(UnsafeBufferPointer(rebasing: bytes[start...]), ascii) }
        }
    }

    @inline(__always)
    static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        byte >= 48 && byte <= 57 || byte >= 65 && byte <= 90 || byte >= 97 && byte <= 122
    }

    /// The length of the separator scalar at `index` (see `forEachRun`), or 0 for any other.
    @inline(__always)
    static func typographicSeparatorLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        switch bytes[index] {
        case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80:
            switch bytes[index + 2] {
            case 0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D, 0xA6: return 3  // – — ‘ ’ “ ” …
            default: return 0
            }
        case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0xA3: return 2  // £
        default: return 0
        }
    }

    static func lowercasedASCII(_ run: UnsafeBufferPointer<UInt8>) -> String {
        // Most words are lower case already.
        guard run.contains(where: { $0 >= 65 && $0 <= 90 }) else { return String(decoding: run, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: run.count) { buffer in
            for (offset, byte) in run.enumerated() {
                buffer[offset] = byte >= 65 && byte <= 90 ? byte + 32 : byte
            }
            return run.count
        }
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

    /// The words worth indexing: not stopwords, neither too short nor too long. An ASCII word is measured and
    /// looked up by its bytes before a string is made of it, as most words are short or stopwords.
    static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        terms.reserveCapacity(text.utf8.count / 12)
        forEachRun(in: text) { run, ascii in
            if ascii {
                guard run.count >= minimumLength, run.count <= maximumLength, !isStopword(run) else { return }
                terms.append(lowercasedASCII(run))
            } else {
                terms += unicodeWords(String(decoding: run, as: UTF8.self)).filter(isTerm)
            }
        }
        return terms
    }

    /// How often each of `terms(text)` occurs, each word once, in no particular order. ASCII words are counted by
    /// their bytes, and a string is made once per distinct word rather than once per word (`TermCounter`); the
    /// counts are handed on as they are, without a dictionary of them.
    static func termList(_ text: String) -> [(word: String, count: Int)] {
        let (counter, others) = countTerms(text)
        var list = counter.list()
        list.reserveCapacity(list.count + others.count)
        for (word, count) in others { list.append((word, count)) }
        return list
    }

    /// `termList`'s counts as counted: ASCII words by their bytes, the others by their strings.
    static func countTerms(_ text: String) -> (counter: TermCounter, others: [String: Int]) {
        var counter = TermCounter()
        var others: [String: Int] = [:]
        forEachRun(in: text) { run, ascii in
            if ascii {
                guard run.count >= minimumLength, run.count <= maximumLength, !isStopword(run) else { return }
                counter.add(run)
            } else {
                for word in unicodeWords(String(decoding: run, as: UTF8.self)) where isTerm(word) {
                    // An ASCII word from beside other letters ("café-style") is the same word as one on its own.
                    if word.utf8.allSatisfy({ $0 < 0x80 }) {
                        var word = word
                        word.withUTF8 { counter.add($0) }
                    } else {
                        others[word, default: 0] += 1
                    }
                }
            }
        }
        return (counter, others)
    }

    static func isTerm(_ word: String) -> Bool {
        let length = word.unicodeScalars.count
        return length >= minimumLength && length <= maximumLength && !stopwords.contains(word)
    }

    static let maximumStopwordLength = 8
    /// Stopwords (all ASCII, at most eight letters) packed eight bits a letter, in an open-addressed table of
    /// twice as many slots or more, for `isStopword`: a multiplication and a comparison or two, where a `Set`
    /// hashed every word of every body and a binary search took eight unpredictable branches.
    static let stopwordTable: [UInt64] = {
        let packed = stopwords.map { word in
            precondition(word.utf8.count <= 8 && word.utf8.allSatisfy { $0 >= 97 && $0 <= 122 })
            return word.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
        var table = [UInt64](repeating: 0, count: 1 << stopwordBits)
        precondition(packed.count * 2 <= table.count)
        for key in packed {
            var slot = stopwordSlot(key)
            while table[slot] != 0, table[slot] != key { slot = (slot + 1) & (table.count - 1) }
            table[slot] = key
        }
        return table
    }()
    static let stopwordBits = 9

    @inline(__always)
    static func stopwordSlot(_ packed: UInt64) -> Int {
        Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> (64 - UInt64(stopwordBits)))
    }

    /// Whether a run of ASCII letters and digits is a stopword once lower-cased. An empty slot (0: no word packs
    /// to 0) ends the probe.
    @inline(__always)
    static func isStopword(_ run: UnsafeBufferPointer<UInt8>) -> Bool {
        guard run.count <= maximumStopwordLength else { return false }
        var packed: UInt64 = 0
        for byte in run { packed = packed << 8 | UInt64(byte >= 65 && byte <= 90 ? byte + 32 : byte) }
        return stopwordTable.withUnsafeBufferPointer { table in
            var slot = stopwordSlot(packed)
            while true {
                let key = table[slot]
                if key == packed { return true }
                if key == 0 { return false }
                slot = (slot + 1) & (table.count - 1)
            }
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
    private(set) var bytes: [UInt8] = []

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ json: String) { bytes.append(contentsOf: json.utf8) }

    mutating func raw(_ json: [UInt8]) { bytes.append(contentsOf: json) }

    /// A JSON string: quotes, backslashes and control characters escaped, and U+2028 and U+2029 (which old
    /// JavaScript parsers take for line ends).
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        escaped(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A JSON string's contents, without the quotes.
    mutating func escaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
                case UInt8(ascii: "\n"): bytes.append(contentsOf: [92, 110])
                case UInt8(ascii: "\r"): bytes.append(contentsOf: [92, 114])
                case UInt8(ascii: "\t"): bytes.append(contentsOf: [92, 116])
                case 0..<0x20: unicodeEscape(UInt32(byte))
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80
                    && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    unicodeEscape(utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                    index += 2
                default: bytes.append(byte)
                }
                index += 1
            }
        }
    }

    private mutating func unicodeEscape(_ value: UInt32) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [92, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(hex[Int(value >> UInt32(shift)) & 15]) }
    }

    mutating func strings(_ values: [String]) {
        array(values) { out, value in out.string(value) }
    }

    mutating func array<T>(_ values: [T], _ element: (inout SearchJSONWriter, T) -> Void) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            element(&self, value)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

/// Counts ASCII words by their bytes, lower-cased: the distinct words in a `ByteIndex` (open addressing over their
/// FNV-1a hashes, their bytes kept once in one array), a count per word. Making a `String` of every word and hashing
/// it for a dictionary was most of what counting a body's words cost.
struct TermCounter {
    private var index = ByteIndex()
    /// Each distinct word's count, in the order first seen (the index's numbers).
    private(set) var counts: [Int32] = []
    private var scratch: [UInt8] = []

    init() {
        counts.reserveCapacity(512)
        scratch.reserveCapacity(SearchText.maximumLength)
    }

    /// Counts `run` (ASCII letters and digits), lower-cased.
    mutating func add(_ run: UnsafeBufferPointer<UInt8>) {
        scratch.removeAll(keepingCapacity: true)
        var hash = ByteIndex.seed
        for byte in run {
            let lower = byte &- 65 < 26 ? byte + 32 : byte
            scratch.append(lower)
            hash = ByteIndex.step(hash, lower)
        }
        let id = scratch.withUnsafeBufferPointer { index.id(of: $0, hash: hash) { counts.append(0) } }
        counts[Int(id)] += 1
    }

    /// The distinct words, in the order first seen: each one's hash and bytes by its number.
    func withWords<Result>(_ body: (ByteIndex.Entries) -> Result) -> Result { index.withEntries(body) }

    /// Each distinct word with its count, in the order first seen.
    func list() -> [(word: String, count: Int)] {
        withWords { words in
            (0..<words.count).map { (String(decoding: words[$0].text, as: UTF8.self), Int(counts[$0])) }
        }
    }
}
