import BrightspotsCore
@testable import BrightspotsSite
import Foundation
import Testing

/// The search index (`/search/index.json`) and the search page, read back the way search.js reads them.
@Suite("Search index")
struct SearchIndexTests {
    /// One entry of the index, decoded.
    struct Row: Equatable {
        var title: String
        var summary: String
        var url: String
        var kind: String
        var date: Int
        var tags: [String]
        var principles: [String]
    }

    /// The index decoded as the script decodes it.
    struct Decoded {
        var json: [String: Any]
        var rows: [Row]
        /// Term → the titles of the entries whose body, summary or team holds it.
        var terms: [String: [String]]
        var stopwords: Set<String>
    }

    func build(_ audience: Audience = .public, extra: [String: String] = [:]) throws -> MemorySink {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        for (path, text) in extra { try project.write(path, text) }
        let sink = MemorySink()
        _ = try SiteBuilder.build(project.options(audience: audience), into: sink)
        return sink
    }

    func decode(_ sink: MemorySink) throws -> Decoded {
        let text = try #require(sink.text("search/index.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let kinds = try #require(json["kinds"] as? [[String]])
        let tags = try #require(json["tags"] as? [[String]])
        let principles = try #require(json["principles"] as? [[String]])
        let entries = try #require(json["entries"] as? [[Any]])
        var rows: [Row] = []
        for entry in entries {
            let title = try #require(entry[0] as? String)
            let slug: String
            if let plain = entry[2] as? String {
                slug = plain
            } else {
                let parts = try #require(entry[2] as? [Any])
                let shared = try #require(parts[0] as? Int)
                slug = String(SearchText.titleSlug(title).prefix(shared)) + (try #require(parts[1] as? String))
            }
            let kind = kinds[try #require(entry[3] as? Int)]
            rows.append(Row(
                title: title, summary: try #require(entry[1] as? String), url: kind[2] + slug + "/", kind: kind[0],
                date: try #require(entry[4] as? Int),
                tags: SearchPostings.decode(try #require(entry[5] as? String)).map { tags[$0][0] },
                principles: SearchPostings.decode(try #require(entry[6] as? String)).map { principles[$0][0] }))
        }
        let termList = (try #require(json["terms"] as? String)).split(separator: " ").map(String.init)
        let postings = (try #require(json["postings"] as? String)).split(separator: " ").map(String.init)
        #expect(termList.count == postings.count)
        var terms: [String: [String]] = [:]
        for (term, encoded) in zip(termList, postings) {
            terms[term] = SearchPostings.decode(encoded).map { rows[$0].title }
        }
        let stopwords = Set((try #require(json["stopwords"] as? String)).split(separator: " ").map(String.init))
        return Decoded(json: json, rows: rows, terms: terms, stopwords: stopwords)
    }

    @Test("the index holds each public entry, newest first: title, summary, address, kind, date, tags, principles")
    func entries() throws {
        let sink = try build()
        let index = try decode(sink)
        #expect(index.json["version"] as? Int == 1)
        #expect(index.json["fields"] as? [String] == ["title", "summary", "slug", "kind", "date", "tags", "principles"])
        #expect(index.rows == [
            Row(title: "A blue teapot on the desk",
                summary: "Two receptions showed a blue teapot and a sign: ask here for help with anything.",
                url: "/bright-spots/blue-teapot/", kind: "bright-spot", date: 20260914,
                tags: ["housing", "mental-health", "outreach"],
                principles: ["no-wrong-front-door", "study-success-and-share-it"]),
            Row(title: "Discharge on a Friday: what we learned",
                summary: "A discharge at 4pm on a Friday left a man with nowhere to go.",
                url: "/after-action-reviews/late-discharge/", kind: "aar", date: 20260821,
                tags: ["mental-health"], principles: ["nothing-about-us-without-us", "every-experience-teaches"]),
            Row(title: "A library that became a front door",
                summary: "Library staff asked one more question, and rang the housing duty officer while the person waited.",
                url: "/bright-spots/library-outreach/", kind: "bright-spot", date: 20260702,
                tags: ["housing"], principles: ["no-wrong-front-door"]),
        ])
        // Every address is a page the build wrote.
        for row in index.rows { #expect(sink.files[SiteURLs.file(for: row.url)] != nil, "\(row.url) was not written") }
    }

    @Test("kinds, tags and principles carry their labels; tags are the ones in use")
    func labels() throws {
        let index = try decode(try build())
        let kinds = try #require(index.json["kinds"] as? [[String]])
        #expect(kinds == [["bright-spot", "Bright Spot", "/bright-spots/"],
                          ["aar", "After Action Review", "/after-action-reviews/"],
                          ["peer-support", "Peer-support session", "/peer-support/"]])
        #expect(index.json["tags"] as? [[String]] == [["housing", "Housing"], ["mental-health", "Mental health"],
                                                      ["outreach", "Outreach"]])
        let principles = try #require(index.json["principles"] as? [[String]])
        #expect(principles.first == ["no-wrong-front-door", "No wrong front door"])
        #expect(principles.count == 4)
    }

    @Test("the stopword table answers as the stopword set does, in any case, and for words near them")
    func stopwordTable() {
        func isStopword(_ word: String) -> Bool {
            var word = word
            return word.withUTF8 { SearchText.isStopword($0) }
        }
        var others = 0
        for word in SearchText.stopwords {
            #expect(isStopword(word), "\(word)")
            #expect(isStopword(word.uppercased()), "\(word)")
            // The same letters one longer, shorter or changed are not stopwords unless the set says so.
            for variant in [word + "s", String(word.dropLast()), String(word.dropFirst()), "x" + word, word + "9"] {
                #expect(isStopword(variant) == SearchText.stopwords.contains(variant.lowercased()), "\(variant)")
                others += 1
            }
        }
        for word in ["housing", "gp", "2026", "aboutness", "longerthan8", "zz", "a1"] {
            #expect(!isStopword(word), "\(word)")
        }
        #expect(others > 500)
    }

    @Test("the body's words, the summary's and the team's are terms; stopwords, markup and one-letter words are not")
    func terms() throws {
        let index = try decode(try build())
        let teapot = "A blue teapot on the desk", library = "A library that became a front door"
        let discharge = "Discharge on a Friday: what we learned"
        // Body words, from the rendered text: a table cell, a footnote, a link's text.
        #expect(index.terms["conversations"] == [teapot])
        #expect(index.terms["registering"] == [teapot])
        #expect(index.terms["citizens"] == [teapot])
        #expect(index.terms["thursday"] == [discharge])
        #expect(index.terms["duty"] == [library])
        // Two-letter words such as GP are kept.
        #expect(index.terms["gp"] == [teapot])
        // Team names are searchable.
        #expect(index.terms["leisure"] == [teapot])
        #expect(index.terms["hospital"] == [discharge])
        // A word in several entries lists each, newest first.
        #expect(index.terms["housing"] == [discharge, library])
        for term in index.terms.keys {
            #expect(!index.stopwords.contains(term), "stopword \(term) indexed")
            #expect(term.count >= 2, "\(term) is too short")
            #expect(term == term.lowercased(), "\(term) is not lower-case")
            #expect(term.allSatisfy { $0.isLetter || $0.isNumber }, "\(term) is not a word")
        }
        #expect(index.terms["the"] == nil && index.terms["and"] == nil)
        // Link addresses and tags are not text: nothing of citizensadvice.org.uk's address or of the markup.
        for markup in ["https", "www", "org", "href", "strong", "td", "sup", "fn"] {
            #expect(index.terms[markup] == nil, "\(markup) indexed")
        }
    }

    @Test("a public build indexes no draft, private or internal entry; an internal build adds internal ones")
    func audience() throws {
        let publicText = try #require(try build().text("search/index.json"))
        for secret in ["hard-week", "After a hard week", "debrief", "Private notes", "private-notes", "unfinished",
                       "Unfinished draft"] {
            #expect(!publicText.contains(secret), "\(secret) is in the public index")
        }
        let internalIndex = try decode(try build(.internal))
        #expect(internalIndex.rows.map(\.title).contains("After a hard week"))
        #expect(internalIndex.rows.first { $0.title == "After a hard week" }?.url == "/peer-support/hard-week/")
        #expect(internalIndex.terms["debrief"] == ["After a hard week"])
        let internalText = try #require(try build(.internal).text("search/index.json"))
        #expect(!internalText.contains("Private notes") && !internalText.contains("Unfinished draft"))
    }

    @Test("long summaries are cut at a word; each body keeps its most frequent words up to the limit")
    func limits() throws {
        let words = (0..<(SearchIndex.bodyTermLimit + 50)).map { "word\(String($0, radix: 26))x" }
        // The first 20 words appear three times, so they are among the most frequent and must be kept.
        let body = (words.prefix(20) + words.prefix(20) + words).joined(separator: " ")
        let summary = String(repeating: "A fairly long sentence about the work. ", count: 10)
        let entry = """
            ---
            title: A very long entry
            date: 2026-01-05
            summary: \(summary)
            ---

            ## What went well

            \(body)

            ## Could it work elsewhere?

            Yes.
            """
        let index = try decode(try build(extra: ["Content/bright-spot/2026/long.md": entry]))
        let row = try #require(index.rows.first { $0.title == "A very long entry" })
        #expect(row.url == "/bright-spots/long/")
        #expect(row.summary.count <= SearchIndex.summaryLimit + 1 && row.summary.hasSuffix("…"))
        let kept = words.filter { index.terms[$0]?.contains("A very long entry") == true }
        #expect(kept.count == SearchIndex.bodyTermLimit)
        #expect(words.prefix(20).allSatisfy(kept.contains))
        // The summary's words are searchable however short the shown summary is.
        #expect(index.terms["sentence"]?.contains("A very long entry") == true)
    }

    @Test("postings round-trip in both forms, and the shorter form is chosen")
    func postings() {
        var generator = SeededRandom(seed: 42)
        for _ in 0..<200 {
            let size = Int.random(in: 1...3000, using: &generator)
            let density = Double.random(in: 0...1, using: &generator)
            let positions = (0..<size).filter { _ in Double.random(in: 0...1, using: &generator) < density }
            #expect(SearchPostings.decode(SearchPostings.gapForm(positions)) == positions)
            #expect(SearchPostings.decode(SearchPostings.bitForm(positions)) == positions)
            let encoded = SearchPostings.encode(positions)
            #expect(SearchPostings.decode(encoded) == positions)
            #expect(encoded.count == min(SearchPostings.gapForm(positions).count, SearchPostings.bitForm(positions).count))
            #expect(!encoded.contains(" ") && !encoded.contains("\"") && !encoded.contains("\\"))
        }
        #expect(SearchPostings.gapForm([0, 1, 2]) == "AAA")
        #expect(SearchPostings.gapForm([40]) == "hI")   // gap 40 = 1·32 + 8: "h" (1 + 32), then "I" (8)
        #expect(SearchPostings.bitForm([0, 1, 7]) == "~DC")
    }

    @Test("words and title slugs follow the rules search.js repeats")
    func textRules() {
        #expect(SearchText.words("Café's A&E, 999 calls — “Housing”") == ["cafe", "s", "a", "e", "999", "calls", "housing"])
        #expect(SearchText.terms("The GP and the café: a long-term plan") == ["gp", "cafe", "long", "term", "plan"])
        #expect(SearchText.titleSlug("People's “Front” Door — Café 2") == "peoples-front-door-caf-2")
        #expect(SearchText.titleSlug("Fewer 999 calls, more conversations") == "fewer-999-calls-more-conversations")
    }

    @Test("words counted by their bytes are counted as counting terms one by one counts them")
    func termCounts() {
        let pieces = ["the", "The", "GP", "gp", "café", "Café", "cafe", "a", "and", "housing", "Housing", "HOUSING",
                      "999", "x", "long-term", "A&E", "’s", "“quoted”", "Ωμέγα", "日本", "e\u{301}", "İstanbul", "ß",
                      String(repeating: "a", count: 40), String(repeating: "b", count: 41), " ", " ", "\n", ", ", ". "]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...400, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined(separator: Bool.random(using: &random) ? " " : "")
            var expected: [String: Int] = [:]
            for term in SearchText.terms(text) { expected[term, default: 0] += 1 }
            #expect(SearchText.termCounts(text) == expected, "\(text.debugDescription)")
        }
        // Whitespace left uncollapsed splits words as collapsed whitespace does, Unicode spaces and marks after
        // them included.
        let html = ["<p>", "</p>", "<em>", "</em>", "<li>", "&amp;", "&nbsp;", "&#8217;", "word", "Word", "café",
                    " ", "  ", "\n", "\t", "\u{2003}", "\u{3000}", "\u{85}", "\u{A0}", "\u{301}", "e\u{301}", "x"]
        for _ in 0..<300 {
            let fragment = (0..<Int.random(in: 0...60, using: &random)).map { _ in html.randomElement(using: &random)! }.joined()
            #expect(SearchText.termCounts(PlainText.uncollapsed(html: fragment))
                    == SearchText.termCounts(PlainText.from(html: fragment)), "\(fragment.debugDescription)")
        }
        // Enough distinct words to make the table grow several times.
        let many = (0..<5_000).map { "w\($0) W\($0 % 700)" }.joined(separator: " ")
        var expected: [String: Int] = [:]
        for term in SearchText.terms(many) { expected[term, default: 0] += 1 }
        #expect(SearchText.termCounts(many) == expected)
    }

    @Test("strings are escaped so the index is valid JSON whatever a title holds")
    func escaping() throws {
        let entry = """
            ---
            title: "Quotes \\" backslash \\\\ tab\\t and line\\u2028separator"
            date: 2026-01-05
            ---

            ## What went well

            Text.

            ## Could it work elsewhere?

            Yes.
            """
        let index = try decode(try build(extra: ["Content/bright-spot/2026/odd.md": entry]))
        #expect(index.rows.contains { $0.title == "Quotes \" backslash \\ tab\t and line\u{2028}separator" })
    }

    @Test("the search page: a labelled search form for the script, and the tag and principle indexes without it")
    func page() throws {
        let sink = try build()
        let page = try #require(sink.text("search/index.html"))
        #expect(page.contains(#"<form id="search-form" class="search-form" role="search" action="/search/" method="get" data-index="/search/index.json" hidden>"#))
        for control in ["search-q", "search-kind", "search-tag", "search-principle", "search-year"] {
            #expect(page.contains(#"<label for="\#(control)">"#) && page.contains(#"id="\#(control)""#), "\(control)")
        }
        #expect(page.contains(#"role="status" aria-live="polite""#))
        #expect(page.contains(#"<script src="/assets/search.js" defer></script>"#))
        // Filters offer what the index holds: no peer-support in a public build.
        #expect(page.contains(#"<option value="aar">After Action Reviews</option>"#))
        #expect(!page.contains(#"<option value="peer-support">"#))
        #expect(page.contains(#"<option value="2026">2026</option>"#))
        // The fallback: every tag in use and every principle, linked.
        #expect(page.contains(#"<li><a href="/tags/housing/">Housing</a> <span class="count">(2 entries)</span></li>"#))
        #expect(page.contains(#"<a href="/principles/every-experience-teaches/">9. Every person&#39;s experience can help us learn</a>"#))
        #expect(page.contains("<h1>Search</h1>") && page.contains(#"<h2 id="search-results-heading">Results</h2>"#))
        #expect(sink.text("sitemap.xml")?.contains("/search/") == true)
    }

    @Test("the script is the theme's own: no other hosts, no HTML from data")
    func script() throws {
        let script = try #require(try build().text("assets/search.js"))
        #expect(!script.contains("http:") && !script.contains("https:") && !script.contains("//cdn"))
        #expect(!script.contains("innerHTML") && !script.contains("outerHTML") && !script.contains("insertAdjacentHTML")
                && !script.contains("eval("))
        #expect(script.utf8.count < 16_000)
    }
}

@Suite("Search words by bytes")
struct SearchWordsTests {
    @Test("the byte-level tokenizer gives the Unicode path's words for any text")
    func sameWords() {
        let pieces = ["Café", "cafe\u{301}", "A&E", "GP's", " ", "\n", "—", "’", "İstanbul", "ΣΟΦΙΑ", "straße", "Ǆ",
                      "x\u{338}", "日本語", "٣", "½", "_", "-", "99", "ﬁ", "🙂", "K", "\u{212A}elvin", "Ⅻ", "e\u{301}\u{323}"]
        var random = SeededRandom(seed: 11)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined()
            #expect(SearchText.words(text) == SearchText.unicodeWords(text), "\(text.debugDescription)")
        }
    }
}

extension SearchWordsTests {
    @Test("a body's words numbered by their bytes are the words and counts of its term list, in one table")
    func bodyTermsByBytes() {
        let pieces = ["Café", "cafe\u{301}", "A&E", "GP's", " ", " ", " ", "\n", "—", "housing", "Housing", "the",
                      "İstanbul", "ΣΟΦΙΑ", "straße", "日本語", "99", "café-style", "K", "\u{212A}elvin", "support",
                      "worker", "a", "Worker", "naïve", "outreach"]
        var random = SeededRandom(seed: 12)
        let table = TermTable()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...40, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined(separator: Bool.random(using: &random) ? " " : "")
            // One way, then the other, in either order, into the same table.
            let byList = { BodyTerms(list: SearchText.termList(text), table: table) }
            let byBytes = { BodyTerms(text: text, table: table) }
            let (first, second) = Bool.random(using: &random) ? (byList(), byBytes()) : (byBytes(), byList())
            let words = table.ranked().words
            func pairs(_ terms: BodyTerms) -> [String] {
                zip(terms.ids, terms.counts).map { "\(words[Int($0)])=\($1)" }.sorted()
            }
            #expect(pairs(first) == pairs(second), "\(text.debugDescription)")
            #expect(first.counts == second.counts, "most frequent first both ways")
            #expect(Set(first.ids).count == first.ids.count)
        }
        // Every word is in the table once.
        let words = table.ranked().words
        #expect(Set(words).count == words.count)
        #expect(words.count > 20)
    }
}

extension SearchText {
    /// `termList` as a dictionary; it traps on a word listed twice.
    static func termCounts(_ text: String) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: termList(text).lazy.map { ($0.word, $0.count) })
    }
}
