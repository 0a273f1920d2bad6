/// Whether discount's autolinking (`MKD_AUTOLINK`) could change a body's HTML, judged from the HTML discount made
/// without it.
///
/// With autolinking on, discount 2.2.7 (`text()` in generate.c) stops at every letter of running text and scans
/// ahead to the end of the run, a `strchr` per byte, then compares what it found with `mailto:`, an email address
/// and four protocols. On typical bodies that was half of discount's time, and it makes a link only where a run of
/// running text starts with `https:`, `http:`, `news:`, `ftp:` or `mailto:` (in any case) or holds an `@`.
/// Running text is never an attribute: titles and alt text are parsed as tag text, where autolinking is off, and
/// link addresses are copied, not parsed. Without autolinking, discount writes those letters, the colon and `@`
/// as they are (smartypants and escaping leave them alone), outside every tag. So HTML whose text outside its tags
/// has no `@` and no colon right after one of those words is exactly what autolinking would have made; anything
/// else is rendered again with it. Code spans, link text and raw HTML shown as text can only make that check
/// say "render again", never the other way.
enum Autolinks {
    /// False only when rendering with autolinking would give the same HTML as `html`, rendered without it.
    static func couldLink(_ html: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < html.count {
            switch html[index] {
            case UInt8(ascii: "<"):
                // The tag's text is skipped to its `>` (`ByteSearch`, memchr). A `>` inside an attribute (a link
                // address may hold one) ends the tag early: more is checked, never less.
                guard let end = ByteSearch.firstOffset(of: tagEnd, in: html, from: index + 1) else { return false }
                index = end + 1
                continue
            case UInt8(ascii: "@"): return true
            case UInt8(ascii: ":"):
                if protocols.contains(where: { endsWith($0, before: index, in: html) }) { return true }
            default: break
            }
            index += 1
        }
        return false
    }

    private static let tagEnd = [UInt8(ascii: ">")]

    /// The words discount links before a colon: `isautoprefix` and the `mailto:` check, lowercase.
    private static let protocols: [[UInt8]] = ["https", "http", "news", "ftp", "mailto"].map { Array($0.utf8) }

    /// Whether the bytes just before `end` are `word`, ignoring the case of ASCII letters (as `strncasecmp`).
    private static func endsWith(_ word: [UInt8], before end: Int, in html: UnsafeBufferPointer<UInt8>) -> Bool {
        guard end >= word.count else { return false }
        let start = end - word.count
        for offset in word.indices {
            let byte = html[start + offset]
            // Only an ASCII capital letter becomes its lowercase letter with 0x20 set.
            let lower = (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) ? byte | 0x20 : byte
            if lower != word[offset] { return false }
        }
        return true
    }
}
