import Testing
@testable import BrightspotsCore

@Suite("Problem and ProblemReport")
struct ProblemReportTests {
    @Test("a problem describes its location and message")
    func problemDescription() {
        #expect(Problem(file: "Content/aar/2026/x.md", line: 3, .missingKey("title")).description
            == "Content/aar/2026/x.md:3: the required key \"title\" is missing.")
        #expect(Problem(file: "Content/site.yaml", .missingFile).description
            == "Content/site.yaml: this file is missing.")
    }

    @Test("hints suggest when they can")
    func hints() {
        #expect(Problem.Reason.unknownKey("tittle", allowed: ["title", "date"], suggestion: "title").hint
            == "Did you mean \"title\"?")
        #expect(Problem.Reason.unknownKey("x", allowed: ["title", "date"], suggestion: nil).hint
            == "Allowed keys: title, date.")
        #expect(Problem.Reason.unknownKind("blog", suggestion: nil).hint == "Use one of the kinds in Content/site.yaml.")
        #expect(Problem.Reason.unknownPrinciple("x", suggestion: nil).hint
            == "Use one of the slugs in Content/principles.yaml.")
        #expect(Problem.Reason.unknownRelated("x", suggestion: nil).hint
            == "Use the file name (without .md) of an existing entry.")
        #expect(Problem.Reason.yearFolderMismatch(folder: "2025", date: "2026-05-14").hint
            == "Move the file to the folder for 2026, or correct the date.")
    }

    @Test("the report is numbered, sorted by file then line, with Fix lines")
    func report() {
        let report = ProblemReport([
            Problem(file: "Content/b.md", line: 2, .invalidVisibility("secret")),
            Problem(file: "Content/a.md", line: 9, .invalidDate("2026-02-30")),
            Problem(file: "Content/a.md", line: 3, .missingKey("title")),
            Problem(file: "Content/a.md", .duplicateSlug("a", otherFile: "Content/c.md")),
        ])
        #expect(!report.isEmpty)
        #expect(report.description == """
            4 problems found:

            1. Content/a.md: the slug "a" is also used by Content/c.md.
               Fix: Rename one of the two files: slugs must be unique across the site.
            2. Content/a.md:3: the required key "title" is missing.
               Fix: Add a line "title: …" to the front matter.
            3. Content/a.md:9: "2026-02-30" is not a date in the form YYYY-MM-DD.
               Fix: Write the date like 2026-09-14.
            4. Content/b.md:2: visibility "secret" is not public, internal or private.
               Fix: Use public, internal or private.
            """)
    }

    @Test("problems on the same line sort by message; a problem without a line sorts first")
    func sortOrder() {
        let a = Problem(file: "f", line: 2, .missingKey("title"))    // "the required key…"
        let b = Problem(file: "f", line: 2, .invalidDate("x"))        // "\"x\" is not a date…"
        let c = Problem(file: "f", .notUTF8)
        let d = Problem(file: "e", line: 99, .notUTF8)
        #expect([a, b, c, d].sorted() == [d, c, b, a])
        #expect(ProblemReport([a, b, c, d]).problems == [d, c, b, a])
    }

    @Test("one problem is singular; ten problems widen the Fix indent")
    func counts() {
        #expect(ProblemReport([Problem(file: "f", line: 1, .notUTF8)]).description
            == "1 problem found:\n\n1. f:1: the file is not valid UTF-8 text.\n   Fix: Save the file as UTF-8.")
        let ten = ProblemReport((1...10).map { Problem(file: "f", line: $0, .notUTF8) })
        let lines = ten.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "10 problems found:")
        #expect(lines.count == 22)
        #expect(lines[20] == "10. f:10: the file is not valid UTF-8 text.")
        #expect(lines[21] == "    Fix: Save the file as UTF-8.")
    }

    @Test("an empty report")
    func empty() {
        let report = ProblemReport([])
        #expect(report.isEmpty)
        #expect(report.description == "No problems found.")
    }
}
