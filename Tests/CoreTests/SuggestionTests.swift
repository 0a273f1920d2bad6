import Testing
@testable import BrightspotsCore

@Suite("Suggestion")
struct SuggestionTests {
    @Test("nearest", arguments: [
        ("tittle", "title"), ("sumary", "summary"), ("Titel", "title"), ("TAGS", "tags"), ("principle", "principles"),
        ("visiblity", "visibility"), ("visib", "visibility"), ("summ", "summary"), ("ti", "roi"), ("colour", nil),
        ("zzz", nil), ("", nil),
    ] as [(String, String?)])
    func nearest(word: String, expected: String?) {
        #expect(Suggestion.nearest(to: word, in: EntryParser.keys) == expected)
    }

    @Test("long words allow more edits")
    func longWords() {
        let slugs = ["support-those-who-support", "study-success-and-share-it"]
        // 3 edits on a 25-letter slug: allowed up to 25 / 3 = 8.
        #expect(Suggestion.nearest(to: "suport-those-who-suport!", in: slugs) == "support-those-who-support")
        #expect(Suggestion.nearest(to: "something-completely-else", in: slugs) == nil)
    }

    @Test("no candidates, no suggestion; ties go to the first candidate")
    func edges() {
        #expect(Suggestion.nearest(to: "title", in: [String]()) == nil)
        #expect(Suggestion.nearest(to: "cat", in: ["bat", "hat"]) == "bat")
        #expect(Suggestion.nearest(to: "cat", in: ["hat", "bat"]) == "hat")
    }

    @Test("a prefix of four or more letters matching one candidate wins; maxDistance overrides the tolerance")
    func prefixAndMaxDistance() {
        #expect(Suggestion.nearest(to: "Peer", in: ["peer-support", "aar", "bright-spot"]) == "peer-support")
        // Two candidates share the prefix: fall back to edit distance, which is too far here.
        #expect(Suggestion.nearest(to: "what", in: ["what helped", "what we agreed"]) == nil)
        #expect(Suggestion.nearest(to: "abcdef", in: ["uvwxyz"], maxDistance: 6) == "uvwxyz")
        #expect(Suggestion.nearest(to: "tittle", in: ["title"], maxDistance: 0) == nil)
    }

    @Test("edit distance", arguments: [
        ("", "", 0), ("abc", "", 3), ("", "ab", 2), ("kitten", "sitting", 3), ("flaw", "lawn", 2), ("same", "same", 0),
    ])
    func editDistance(a: String, b: String, distance: Int) {
        #expect(Suggestion.editDistance(Array(a), Array(b)) == distance)
    }
}
