import Testing
@testable import BrightspotsCore

@Suite("ContentCollection")
struct ContentCollectionTests {

    static let sample: [Entry] = [
        TestVocabulary.entry("phoning-first", kind: "aar", date: "2026-05-14", tags: ["housing", "outreach"],
                             principles: ["easy-and-fast-support"], forum: "2026-06"),
        TestVocabulary.entry("tea-at-the-library", kind: "bright-spot", date: "2026-03-02", tags: ["housing"],
                             principles: ["no-wrong-front-door"], forum: "2026-04"),
        TestVocabulary.entry("a-hard-week", kind: "peer-support", date: "2026-07-01", tags: ["wellbeing"],
                             principles: ["support-those-who-support"], visibility: .internal),
        TestVocabulary.entry("door-knocking", kind: "bright-spot", date: "2026-05-14", tags: ["outreach", "housing"],
                             forum: "2026-06"),
        TestVocabulary.entry("unfinished", kind: "aar", date: "2026-08-01", tags: ["housing"], draft: true),
        TestVocabulary.entry("kept-private", kind: "aar", date: "2026-02-01", tags: ["outreach"], visibility: .private),
    ]

    @Test("entries are ordered newest first, slug breaking ties")
    func newestFirst() {
        let collection = ContentCollection(Self.sample)
        #expect(collection.entries.map(\.slug) == ["unfinished", "a-hard-week", "door-knocking", "phoning-first",
                                                   "tea-at-the-library", "kept-private"])
        #expect(collection.duplicateProblems == [])
        #expect(ContentCollection(Self.sample.reversed()).entries == collection.entries)
    }

    @Test("indexes by slug, kind, tag, principle and forum")
    func indexes() throws {
        let collection = ContentCollection(Self.sample)
        #expect(collection.entry("phoning-first")?.kind == "aar")
        #expect(collection.entry("missing") == nil)
        #expect(collection.entries(kind: "aar").map(\.slug) == ["unfinished", "phoning-first", "kept-private"])
        #expect(collection.entries(kind: "bright-spot").map(\.slug) == ["door-knocking", "tea-at-the-library"])
        #expect(collection.entries(kind: "blog") == [])
        #expect(collection.entries(tag: "housing").map(\.slug) == ["unfinished", "door-knocking", "phoning-first",
                                                                    "tea-at-the-library"])
        #expect(collection.entries(tag: "wellbeing").map(\.slug) == ["a-hard-week"])
        #expect(collection.entries(principle: "no-wrong-front-door").map(\.slug) == ["tea-at-the-library"])
        let june = try #require(Month("2026-06"))
        #expect(collection.entries(forum: june).map(\.slug) == ["door-knocking", "phoning-first"])
        #expect(collection.entries(forum: try #require(Month("2026-04"))).map(\.slug) == ["tea-at-the-library"])
        #expect(collection.entries(forum: try #require(Month("2026-05"))) == [])
        // The indexes point at the right positions after sorting.
        for (slug, index) in collection.bySlug { #expect(collection.entries[index].slug == slug) }
    }

    @Test("tag counts: most used first, then alphabetical")
    func tagCounts() {
        let counts = ContentCollection(Self.sample).tagCounts
        #expect(counts.map(\.tag) == ["housing", "outreach", "wellbeing"])
        #expect(counts.map(\.count) == [4, 3, 1])
        let tied = ContentCollection([TestVocabulary.entry("a", tags: ["zeta", "alpha"]), TestVocabulary.entry("b", tags: ["mid"])]).tagCounts
        #expect(tied.map(\.tag) == ["alpha", "mid", "zeta"])
    }

    @Test("a duplicate slug is a problem naming both files, whatever the insertion order")
    func duplicateSlug() {
        let first = TestVocabulary.entry("same-name", kind: "aar", date: "2026-01-01")
        let second = TestVocabulary.entry("same-name", kind: "bright-spot", date: "2026-09-09")
        let expected = [Problem(file: "Content/bright-spot/2026/same-name.md",
                                .duplicateSlug("same-name", otherFile: "Content/aar/2026/same-name.md"))]
        for order in [[first, second], [second, first]] {
            let collection = ContentCollection(order)
            #expect(collection.duplicateProblems == expected)
            #expect(collection.entries == [first])
            #expect(collection.entries(kind: "bright-spot") == [])
        }
    }

    @Test("insert refuses a duplicate slug")
    func insertDuplicate() {
        var collection = ContentCollection()
        #expect(collection.insert(TestVocabulary.entry("x", kind: "aar")) == nil)
        #expect(collection.insert(TestVocabulary.entry("x", kind: "peer-support"))
            == Problem(file: "Content/peer-support/2026/x.md", .duplicateSlug("x", otherFile: "Content/aar/2026/x.md")))
        #expect(collection.entries.count == 1)
    }

    @Test("audiences: drafts and private entries are never visible")
    func visibility() {
        let collection = ContentCollection(Self.sample)
        #expect(collection.visible(to: .public).entries.map(\.slug) == ["door-knocking", "phoning-first",
                                                                         "tea-at-the-library"])
        #expect(collection.visible(to: .internal).entries.map(\.slug) == ["a-hard-week", "door-knocking",
                                                                           "phoning-first", "tea-at-the-library"])
        #expect(collection.visible(to: .public).entries(tag: "wellbeing") == [])
        #expect(collection.visible(to: .internal).entries(tag: "wellbeing").map(\.slug) == ["a-hard-week"])
        for audience in Audience.allCases {
            #expect(!audience.canSee(TestVocabulary.entry("d", visibility: .public, draft: true)))
            #expect(!audience.canSee(TestVocabulary.entry("p", visibility: .private)))
            #expect(audience.canSee(TestVocabulary.entry("q", visibility: .public)))
        }
        #expect(Audience.internal.canSee(TestVocabulary.entry("i", visibility: .internal)))
        #expect(!Audience.public.canSee(TestVocabulary.entry("i", visibility: .internal)))
    }

    @Test("cross references: unknown related slugs with a suggestion, and self references")
    func crossReferences() {
        let collection = ContentCollection([
            TestVocabulary.entry("late-discharge", related: ["tea-at-the-library", "late-discharge"]),
            TestVocabulary.entry("tea-at-the-library", kind: "bright-spot", related: ["late-dischage", "something-else-entirely"]),
        ])
        #expect(collection.crossReferenceProblems() == [
            Problem(file: "Content/aar/2026/late-discharge.md", .relatedToSelf("late-discharge")),
            Problem(file: "Content/bright-spot/2026/tea-at-the-library.md",
                    .unknownRelated("late-dischage", suggestion: "late-discharge")),
            Problem(file: "Content/bright-spot/2026/tea-at-the-library.md",
                    .unknownRelated("something-else-entirely", suggestion: nil)),
        ])
        #expect(ContentCollection(Self.sample).crossReferenceProblems() == [])
    }

    @Test("cross-reference problems point at the related line when the parser recorded it")
    func crossReferenceLines() {
        var entry = TestVocabulary.entry("late-discharge", related: ["late-discharge", "nowhere"])
        entry.keyLines = ["title": 2, "related": 7]
        #expect(ContentCollection([entry]).crossReferenceProblems() == [
            Problem(file: "Content/aar/2026/late-discharge.md", line: 7, .relatedToSelf("late-discharge")),
            Problem(file: "Content/aar/2026/late-discharge.md", line: 7, .unknownRelated("nowhere", suggestion: nil)),
        ])
    }
}

@Suite("Related")
struct RelatedTests {

    static let entries: [Entry] = [
        TestVocabulary.entry("subject", tags: ["housing", "outreach", "mh"], principles: ["p1", "p2"], related: ["pinned-old", "subject", "gone"]),
        TestVocabulary.entry("pinned-old", date: "2020-01-01", tags: []),
        TestVocabulary.entry("two-tags", date: "2026-01-01", tags: ["housing", "outreach"]),
        TestVocabulary.entry("two-tags-newer", date: "2026-02-01", tags: ["housing", "outreach"]),
        TestVocabulary.entry("one-tag-two-principles", date: "2025-01-01", tags: ["mh"], principles: ["p1", "p2"]),
        TestVocabulary.entry("one-tag-one-principle", date: "2026-06-01", tags: ["housing"], principles: ["p2"]),
        TestVocabulary.entry("one-tag", date: "2026-07-01", tags: ["outreach"]),
        TestVocabulary.entry("unrelated", date: "2026-08-01", tags: ["other"], principles: ["p1", "p2"]),
    ]

    static let collection = ContentCollection(entries)
    static var subject: Entry { collection.entry("subject")! }

    @Test("pinned entries first, then by what they share (a tag counts twice a principle), then newest")
    func ranking() {
        // Scores: two tags 4; one tag + two principles 4; one tag + one principle 3; two principles 2; one tag 2.
        #expect(Related.entries(for: Self.subject, in: Self.collection, limit: 10).map(\.slug) == [
            "pinned-old", "two-tags-newer", "two-tags", "one-tag-two-principles", "one-tag-one-principle",
            "unrelated", "one-tag",
        ])
    }

    @Test("the limit is respected", arguments: [0, 1, 2, 4])
    func limit(limit: Int) {
        let all = ["pinned-old", "two-tags-newer", "two-tags", "one-tag-two-principles"]
        #expect(Related.entries(for: Self.subject, in: Self.collection, limit: limit).map(\.slug)
            == Array(all.prefix(limit)))
    }

    @Test("pinned entries beyond the limit are cut, and the entry never relates to itself")
    func pinnedOverLimit() {
        let entries = [
            TestVocabulary.entry("a", tags: ["t"], related: ["a", "b", "c", "d"]),
            TestVocabulary.entry("b", tags: ["t"]), TestVocabulary.entry("c", tags: ["t"]), TestVocabulary.entry("d", tags: ["t"]),
        ]
        let collection = ContentCollection(entries)
        let a = collection.entry("a")!
        #expect(Related.entries(for: a, in: collection, limit: 2).map(\.slug) == ["b", "c"])
        #expect(Related.entries(for: a, in: collection, limit: 5).map(\.slug) == ["b", "c", "d"])
        let lonely = TestVocabulary.entry("lonely", tags: ["t"])
        let withLonely = ContentCollection([lonely])
        #expect(Related.entries(for: lonely, in: withLonely, limit: 5) == [])
    }
}
