import Testing
@testable import BrightspotsCore

@Suite("EntryParser")
struct EntryParserTests {
    static let aarFile = "Content/aar/2026/phoning-first.md"

    static func parse(_ text: String, file: String = aarFile) -> (Entry?, [Problem]) {
        TestVocabulary.parse(text, file: file)
    }

    /// Front matter lines (without the --- lines) and a body: the front matter starts on file line 2.
    static func entry(_ frontMatter: [String], body: String = TestVocabulary.aarBody) -> String {
        (["---"] + frontMatter + ["---", ""]).joined(separator: "\n") + "\n" + body
    }

    static func problems(_ frontMatter: [String], body: String = TestVocabulary.aarBody,
                         file: String = aarFile) -> [Problem] {
        let (entry, problems) = parse(entry(frontMatter, body: body), file: file)
        #expect(entry == nil)
        return problems
    }

    static func problem(_ line: Int?, _ reason: Problem.Reason, file: String = aarFile) -> Problem {
        Problem(file: file, line: line, reason)
    }

    // MARK: Valid entries

    @Test("a full AAR parses to the expected entry")
    func fullAAR() throws {
        let text = Self.entry([
            "title: Phoning before writing",                       // 2
            "date: 2026-05-14",                                    // 3
            "kind: aar",                                           // 4
            "author: Sam Example",                                 // 5
            "team: Revenues team",                                 // 6
            "tags: [Housing, MH, housing, Rough Sleeping, outreach]", // 7
            "principles: [easy-and-fast-support, No-Wrong-Front-Door, easy-and-fast-support]", // 8
            "summary: We *phoned* people & it [worked](https://example.org).", // 9
            "forum: 2026-06",                                      // 10
            "related: [library-drop-in, library-drop-in, other]",  // 11
            "roi:",                                                // 12
            "  attribution: 25%",                                  // 13
        ])
        let (entry, problems) = Self.parse(text)
        #expect(problems == [])
        let expected = Entry(
            slug: "phoning-first", file: Self.aarFile, kind: "aar", title: "Phoning before writing",
            date: try #require(Day("2026-05-14")), author: "Sam Example", team: "Revenues team",
            tags: ["housing", "mental-health", "outreach"],
            principles: ["easy-and-fast-support", "no-wrong-front-door"],
            summary: "We phoned people & it worked.", forum: Month("2026-06"), visibility: .public, draft: false,
            related: ["library-drop-in", "other"],
            roi: ROIBlock(cost: .zero, paidFor: nil, outcomes: [], deadweight: nil, attribution: 25),
            body: "\n" + TestVocabulary.aarBody, bodyLine: 15,
            keyLines: ["title": 2, "date": 3, "kind": 4, "author": 5, "team": 6, "tags": 7, "principles": 8,
                       "summary": 9, "forum": 10, "related": 11, "roi": 12])
        #expect(entry == expected)
        #expect(entry?.isAnonymous == false)
    }

    @Test("a Bright Spot without a summary takes its first paragraph")
    func brightSpotSummaryFromBody() throws {
        let text = Self.entry([
            "title: Tea at the library",
            "date: 2026-03-02",
            "tags: libraries",
            "forum: 2026-04",
            "draft: true",
        ], body: TestVocabulary.brightSpotBody)
        let (entry, problems) = Self.parse(text, file: "Content/bright-spot/2026/tea-at-the-library.md")
        #expect(problems == [])
        let parsed = try #require(entry)
        #expect(parsed.kind == "bright-spot")
        #expect(parsed.slug == "tea-at-the-library")
        #expect(parsed.summary == "A drop-in at the library had few visitors.")
        #expect(parsed.tags == ["libraries"])
        #expect(parsed.principles == [])
        #expect(parsed.forum == Month(year: 2026, month: 4))
        #expect(parsed.visibility == .public)
        #expect(parsed.draft == true)
        #expect(parsed.author == "anonymous")
        #expect(parsed.isAnonymous)
        #expect(parsed.team == nil)
        #expect(parsed.related == [])
        #expect(parsed.roi == nil)
        #expect(parsed.bodyLine == 8)
    }

    @Test("peer-support entries are internal by default")
    func peerSupportDefaultsInternal() throws {
        let text = Self.entry(["title: A hard week", "date: 2026-07-01", "principles: support-those-who-support"],
                              body: TestVocabulary.peerSupportBody)
        let (entry, problems) = Self.parse(text, file: "Content/peer-support/2026/a-hard-week.md")
        #expect(problems == [])
        let parsed = try #require(entry)
        #expect(parsed.visibility == .internal)
        #expect(parsed.kind == "peer-support")
        #expect(parsed.author == "anonymous")
        #expect(parsed.summary == "Five of us met.")
        #expect(parsed.principles == ["support-those-who-support"])
        #expect(parsed.draft == false)
        #expect(parsed.forum == nil)
    }

    @Test("explicit visibility overrides the kind's default", arguments: [
        ("Content/peer-support/2026/x.md", "Private", Visibility.private),
        ("Content/peer-support/2026/x.md", "public", Visibility.public),
        ("Content/aar/2026/x.md", "internal", Visibility.internal),
        ("Content/aar/2026/x.md", "PUBLIC", Visibility.public),
    ])
    func visibilityOverride(file: String, written: String, expected: Visibility) throws {
        let body = file.contains("peer-support") ? TestVocabulary.peerSupportBody : TestVocabulary.aarBody
        let (entry, problems) = Self.parse(
            Self.entry(["title: T", "date: 2026-07-01", "visibility: \(written)"], body: body), file: file)
        #expect(problems == [])
        #expect(entry?.visibility == expected)
    }

    @Test("draft, author and team are read", arguments: [
        ("draft: false", false), ("draft: no", false), ("draft: yes", true), ("draft: True", true), ("draft: ~", false),
    ])
    func draftValues(line: String, expected: Bool) throws {
        let (entry, problems) = Self.parse(Self.entry(["title: T", "date: 2026-07-01", line]))
        #expect(problems == [])
        #expect(entry?.draft == expected)
    }

    @Test("a long first paragraph is cut to 280 characters at a word")
    func longSummaryIsTruncated() throws {
        let sentence = "Every word here is ordinary and harmless. "  // 42 characters
        let paragraph = String(repeating: sentence, count: 10)
        let (entry, problems) = Self.parse(Self.entry(["title: T", "date: 2026-07-01"],
                                                      body: paragraph + "\n\n" + TestVocabulary.aarBody))
        #expect(problems == [])
        let summary = try #require(entry?.summary)
        #expect(summary == String(repeating: sentence, count: 6) + "Every word here is ordinary…")
        #expect(summary.count == 280)
    }

    @Test("title and date are trimmed; empty optional values count as absent")
    func trimmingAndNulls() throws {
        let (entry, problems) = Self.parse(Self.entry([
            "title: \"  Spaced out  \"", "date: ' 2026-07-01 '", "author:", "team: ~", "summary: null", "tags:",
        ]))
        #expect(problems == [])
        let parsed = try #require(entry)
        #expect(parsed.title == "Spaced out")
        #expect(parsed.date == Day(year: 2026, month: 7, day: 1))
        #expect(parsed.author == "anonymous")
        #expect(parsed.team == nil)
        #expect(parsed.tags == [])
        #expect(parsed.summary == "We expected most people to reply to a letter.")
    }

    @Test("CRLF line endings parse the same as LF")
    func crlf() throws {
        let lf = Self.entry(["title: Phoning", "date: 2026-05-14", "tags: [mh]", "summary: Short."])
        let crlf = lf.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        #expect(crlf.contains("\r\n"))
        let (lfEntry, lfProblems) = Self.parse(lf)
        let (crlfEntry, crlfProblems) = Self.parse(crlf)
        #expect(lfProblems == [])
        #expect(crlfProblems == [])
        #expect(crlfEntry != nil)
        #expect(crlfEntry == lfEntry)
        #expect(crlfEntry?.body.contains("\r") == false)
    }

    @Test("CRLF problems carry the same line numbers as LF")
    func crlfProblemLines() {
        let lf = Self.entry(["title: T", "date: 2026-05-14", "visibility: secret"])
        let crlf = lf.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        let expected = [Self.problem(4, .invalidVisibility("secret"))]
        #expect(Self.parse(lf).1 == expected)
        #expect(Self.parse(crlf).1 == expected)
    }

    @Test("a byte-order mark before the front matter is ignored")
    func byteOrderMark() {
        let (entry, problems) = Self.parse("\u{FEFF}" + Self.entry(["title: T", "date: 2026-05-14"]))
        #expect(problems == [])
        #expect(entry?.title == "T")
    }

    @Test("the front matter may close with ...")
    func dotsCloseFrontMatter() {
        let (entry, problems) = Self.parse("---\ntitle: T\ndate: 2026-05-14\n...\n" + TestVocabulary.aarBody)
        #expect(problems == [])
        #expect(entry?.bodyLine == 5)
        #expect(entry?.body == TestVocabulary.aarBody)
    }

    // MARK: Sections

    @Test("sections match case-insensitively and ignoring trailing punctuation")
    func sectionsLoose() {
        let body = """
            ## what was expected to happen

            Text.

            ##   WHAT ACTUALLY HAPPENED?!

            ## Why was there a difference ##

            ## What will we keep doing / do differently.
            """
        let (entry, problems) = Self.parse(Self.entry(["title: T", "date: 2026-05-14"], body: body))
        #expect(problems == [])
        #expect(entry != nil)
    }

    @Test("a ## heading inside a fenced code block does not count")
    func headingInFence() {
        let body = """
            ## The situation

            Text.

            ```
            ## What went well
            ```

            ## What made it work

            ## Could it work elsewhere?
            """
        let problems = Self.problems(["title: T", "date: 2026-05-14"], body: body,
                                     file: "Content/bright-spot/2026/fenced.md")
        #expect(problems == [Problem(file: "Content/bright-spot/2026/fenced.md", line: 5,
                                     .missingSection("What went well", written: nil))])
    }

    @Test("each missing section is one problem, in the required order, at the body's first line")
    func missingSections() {
        let body = """
            ## Why was there a difference?

            ## What was expected to happen?
            """
        let problems = Self.problems(["title: T", "date: 2026-05-14"], body: body)
        #expect(problems == [
            Self.problem(5, .missingSection("What actually happened?", written: nil)),
            Self.problem(5, .missingSection("What will we keep doing / do differently?", written: nil)),
        ])
    }

    @Test("a misspelt heading is named, on its own line")
    func misspeltHeading() {
        let body = """
            ## What was expected to happen?

            ## What actualy hapened

            Text.

            ## Why was there a difference?

            ## What will we keep doing / do differently?
            """
        // Body line 1 (blank) is file line 5; the misspelt heading is body line 4.
        #expect(Self.problems(["title: T", "date: 2026-05-14"], body: body) == [
            Self.problem(8, .missingSection("What actually happened?", written: "What actualy hapened")),
        ])
    }

    @Test("a misspelt heading is offered as the misspelling of one missing section only")
    func misspeltHeadingOfferedOnce() {
        // "What went wel" is a typo of "What went well". It is not a rewording of "What made it work", yet the
        // half-length tolerance offers it for both, so the user is told to rename one heading two ways.
        let body = """
            ## The situation

            ## What went wel

            ## Could it work elsewhere?
            """
        #expect(Self.problems(["title: T", "date: 2026-05-14"], body: body,
                              file: "Content/bright-spot/2026/typo.md") == [
            Problem(file: "Content/bright-spot/2026/typo.md", line: 8,
                    .missingSection("What went well", written: "What went wel")),
            Problem(file: "Content/bright-spot/2026/typo.md", line: 5,
                    .missingSection("What made it work", written: nil)),
        ])
    }

    // MARK: Problems

    @Test("a file without front matter")
    func missingFrontMatter() {
        let (entry, problems) = Self.parse("title: T\ndate: 2026-05-14\n")
        #expect(entry == nil)
        #expect(problems == [Self.problem(1, .missingFrontMatter)])
        #expect(Self.parse("").1 == [Self.problem(1, .missingFrontMatter)])
        #expect(Self.parse("\n---\ntitle: T\n---\n").1 == [Self.problem(1, .missingFrontMatter)])
    }

    @Test("front matter that is never closed")
    func unterminatedFrontMatter() {
        let (entry, problems) = Self.parse("---\ntitle: T\ndate: 2026-05-14\n\n## What was expected to happen?\n")
        #expect(entry == nil)
        #expect(problems == [Self.problem(1, .unterminatedFrontMatter)])
    }

    @Test("invalid YAML is reported with its file line")
    func invalidYAML() {
        #expect(Self.problems(["date: 2026-05-14", "title: Calls: what worked"]) == [
            Self.problem(3, .invalidYAML("mapping values are not allowed in this context")),
        ])
        #expect(Self.problems(["title: T", "date: 2026-05-14", "  bad: indent"]) == [
            Self.problem(4, .invalidYAML("mapping values are not allowed in this context")),
        ])
        #expect(Self.problems(["title: T", "title: U", "date: 2026-05-14"]) == [
            Self.problem(2, .invalidYAML("the key title appears twice")),
        ])
    }

    @Test("front matter that is not a mapping")
    func notAMapping() {
        #expect(Self.problems(["- title", "- date"]) == [Self.problem(2, .notAMapping(what: "the front matter"))])
    }

    @Test("missing title and date")
    func missingTitleAndDate() {
        #expect(Self.problems(["kind: aar"]) == [
            Self.problem(2, .missingKey("title")), Self.problem(2, .missingKey("date")),
        ])
        #expect(Self.problems([]) == [Self.problem(2, .missingKey("title")), Self.problem(2, .missingKey("date"))])
        #expect(Self.problems(["title: T"]) == [Self.problem(2, .missingKey("date"))])
    }

    @Test("an empty title is reported on its line")
    func emptyTitle() {
        #expect(Self.problems(["date: 2026-05-14", "title: \"  \""]) == [Self.problem(3, .emptyValue(key: "title"))])
    }

    @Test("unknown keys are reported with the nearest allowed key")
    func unknownKeys() {
        #expect(Self.problems(["title: T", "date: 2026-05-14", "sumary: Short."]) == [
            Self.problem(4, .unknownKey("sumary", allowed: EntryParser.keys, suggestion: "summary")),
        ])
        #expect(Self.problems(["tittle: T", "date: 2026-05-14"]) == [
            Self.problem(2, .unknownKey("tittle", allowed: EntryParser.keys, suggestion: "title")),
            Self.problem(2, .missingKey("title")),
        ])
        #expect(Self.problems(["title: T", "date: 2026-05-14", "colour: blue"]) == [
            Self.problem(4, .unknownKey("colour", allowed: EntryParser.keys, suggestion: nil)),
        ])
    }

    @Test("invalid dates", arguments: ["2026-02-30", "14/09/2026", "2026-9-14", "2026-09-14T10:00", "yesterday",
                                       "2026-13-01", "2025-02-29"])
    func invalidDates(value: String) {
        #expect(Self.problems(["title: T", "date: \(value)"]) == [Self.problem(3, .invalidDate(value))])
    }

    @Test("a leap day parses")
    func leapDay() {
        let (entry, problems) = Self.parse(Self.entry(["title: T", "date: 2028-02-29"]),
                                           file: "Content/aar/2028/leap.md")
        #expect(problems == [])
        #expect(entry?.date == Day(year: 2028, month: 2, day: 29))
    }

    @Test("a date outside the year folder")
    func yearFolderMismatch() {
        let file = "Content/aar/2025/phoning-first.md"
        #expect(Self.problems(["title: T", "date: 2026-05-14"], file: file) == [
            Problem(file: file, line: 3, .yearFolderMismatch(folder: "2025", date: "2026-05-14")),
        ])
    }

    @Test("an unknown kind, with and without a suggestion")
    func unknownKind() {
        #expect(Self.problems(["title: T", "date: 2026-05-14", "kind: arr"]) == [
            Self.problem(4, .unknownKind("arr", suggestion: "aar")),
        ])
        #expect(Self.problems(["title: T", "date: 2026-05-14", "kind: bright-spots"]) == [
            Self.problem(4, .unknownKind("bright-spots", suggestion: "bright-spot")),
        ])
        #expect(Self.problems(["title: T", "date: 2026-05-14", "kind: newsletter"]) == [
            Self.problem(4, .unknownKind("newsletter", suggestion: nil)),
        ])
    }

    @Test("a kind that contradicts the folder")
    func kindContradictsFolder() {
        #expect(Self.problems(["title: T", "date: 2026-05-14", "kind: bright-spot"]) == [
            Self.problem(4, .kindContradictsFolder(declared: "bright-spot", folder: "aar")),
        ])
    }

    @Test("an invalid visibility")
    func invalidVisibility() {
        #expect(Self.problems(["title: T", "date: 2026-05-14", "visibility: secret"]) == [
            Self.problem(4, .invalidVisibility("secret")),
        ])
    }

    @Test("an invalid forum month", arguments: ["2026-13", "June 2026", "2026-6", "2026-06-01"])
    func invalidForum(value: String) {
        #expect(Self.problems(["title: T", "date: 2026-05-14", "forum: \(value)"]) == [
            Self.problem(4, .invalidMonth(key: "forum", value: value)),
        ])
    }

    @Test("an unknown principle, with a suggestion, on its own line")
    func unknownPrinciple() {
        #expect(Self.problems(["title: T", "date: 2026-05-14", "principles:",
                               "  - no-wrong-front-door", "  - Study-Sucess-And-Share-It", "  - kindness"]) == [
            Self.problem(6, .unknownPrinciple("Study-Sucess-And-Share-It", suggestion: "study-success-and-share-it")),
            Self.problem(7, .unknownPrinciple("kindness", suggestion: nil)),
        ])
    }

    @Test("a tag with no letters or digits")
    func tagWithoutLetters() {
        #expect(Self.problems(["title: T", "date: 2026-05-14", "tags:", "  - housing", "  - \"--\"", "  - '?!'"]) == [
            Self.problem(6, .invalidTag("--")), Self.problem(7, .invalidTag("?!")),
        ])
    }

    @Test("a mapping where a list belongs")
    func wrongTypeForTags() {
        #expect(Self.problems(["title: T", "date: 2026-05-14", "tags:", "  housing: yes"]) == [
            Self.problem(5, .wrongType(key: "tags", expected: "a list, e.g. [housing, outreach]")),
        ])
        #expect(Self.problems(["title: T", "date: 2026-05-14", "tags: [housing, {a: b}]"]) == [
            Self.problem(4, .wrongType(key: "tags", expected: "a list of words, e.g. [housing, outreach]")),
        ])
        #expect(Self.problems(["title: [T, U]", "date: 2026-05-14"]) == [
            Self.problem(2, .wrongType(key: "title", expected: "a single line of text")),
        ])
    }

    @Test("an invalid draft flag")
    func invalidDraft() {
        #expect(Self.problems(["title: T", "date: 2026-05-14", "draft: maybe"]) == [
            Self.problem(4, .invalidBool(key: "draft", value: "maybe")),
        ])
    }

    @Test("several problems in one file are all reported at once")
    func severalProblems() {
        let problems = Self.problems([
            "tittle: T",                         // 2
            "date: 2026-02-30",                  // 3
            "kind: arr",                         // 4
            "visibility: hidden",                // 5
            "forum: 2026-13",                    // 6
            "tags: [housing, '!!']",             // 7
            "principles: [no-wrong-front-dor]",  // 8
        ], body: "## What actually happened?\n")
        #expect(problems == [
            Self.problem(2, .unknownKey("tittle", allowed: EntryParser.keys, suggestion: "title")),
            Self.problem(2, .missingKey("title")),
            Self.problem(3, .invalidDate("2026-02-30")),
            Self.problem(4, .unknownKind("arr", suggestion: "aar")),
            Self.problem(5, .invalidVisibility("hidden")),
            Self.problem(6, .invalidMonth(key: "forum", value: "2026-13")),
            Self.problem(7, .invalidTag("!!")),
            Self.problem(8, .unknownPrinciple("no-wrong-front-dor", suggestion: "no-wrong-front-door")),
            Self.problem(10, .missingSection("What was expected to happen?", written: nil)),
            Self.problem(10, .missingSection("Why was there a difference?", written: nil)),
            Self.problem(10, .missingSection("What will we keep doing / do differently?", written: nil)),
        ])
    }

    @Test("a draft problem is reported together with the others")
    func draftProblemReportedWithOthers() {
        let problems = Self.problems(["title: T", "date: 2026-02-30", "draft: maybe"])
        #expect(problems == [
            Self.problem(3, .invalidDate("2026-02-30")),
            Self.problem(4, .invalidBool(key: "draft", value: "maybe")),
        ])
    }

    @Test("author and team problems are reported together with the others")
    func authorAndTeamProblemsReportedWithOthers() {
        // EntryParser promises every problem in the file at once, but reads author and team only after the
        // early guard, so their problems appear only once every other problem is fixed (draft was fixed).
        let problems = Self.problems(["title: T", "date: 2026-02-30", "author: [a, b]", "team: {name: x}"])
        #expect(problems == [
            Self.problem(3, .invalidDate("2026-02-30")),
            Self.problem(4, .wrongType(key: "author", expected: "a single line of text")),
            Self.problem(5, .wrongType(key: "team", expected: "a single line of text")),
        ])
    }

    @Test("author and team problems on an otherwise valid entry")
    func authorAndTeamProblemsAlone() {
        #expect(Self.problems(["title: T", "date: 2026-05-14", "author: [a, b]", "team: {name: x}"]) == [
            Self.problem(4, .wrongType(key: "author", expected: "a single line of text")),
            Self.problem(5, .wrongType(key: "team", expected: "a single line of text")),
        ])
    }
}

@Suite("EntryLocation")
struct EntryLocationTests {
    static let kinds = TestVocabulary.kindIDs

    @Test("a well-placed file")
    func goodPath() {
        let result = EntryLocation.parse("Content/bright-spot/2026/tea-at-the-library.md", kinds: Self.kinds)
        #expect(result == .success(EntryLocation(file: "Content/bright-spot/2026/tea-at-the-library.md",
                                                  kindFolder: "bright-spot", yearFolder: "2026",
                                                  slug: "tea-at-the-library")))
    }

    @Test("misplaced files", arguments: [
        "Content/aar/phoning.md", "Content/blog/2026/phoning.md", "Content/aar/26/phoning.md",
        "Content/aar/2026/phoning.txt", "Content/aar/2026/extra/phoning.md", "Other/aar/2026/phoning.md",
        "Content/aar/20x6/phoning.md",
    ])
    func misplaced(file: String) {
        #expect(EntryLocation.parse(file, kinds: Self.kinds) == .failure(Problem(file: file,
                                                                                  .misplacedFile(kinds: Self.kinds))))
    }

    @Test("file names that are not slugs", arguments: ["Phoning_First", "phoning--first", "-phoning", "café"])
    func notASlug(name: String) {
        let file = "Content/aar/2026/\(name).md"
        #expect(EntryLocation.parse(file, kinds: Self.kinds) == .failure(Problem(file: file, .invalidSlug(name))))
    }
}
