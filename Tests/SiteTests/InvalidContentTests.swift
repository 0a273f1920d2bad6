import BrightspotsCore
@testable import BrightspotsSite
import Foundation
import Testing

/// Each invalid fixture folder and exactly the problems `check` must report for it, compared as values.
struct InvalidCase: CustomTestStringConvertible, Sendable {
    let name: String
    let expected: [Problem]
    var testDescription: String { name }
}

private let keys = EntryParser.keys
private let kinds = ["bright-spot", "aar", "peer-support"]

let invalidCases: [InvalidCase] = [
    InvalidCase(name: "unknown-key", expected: [
        Problem(file: "Content/bright-spot/2026/tea.md", line: 2, .unknownKey("tittle", allowed: keys, suggestion: "title")),
        Problem(file: "Content/bright-spot/2026/tea.md", line: 2, .missingKey("title")),
    ]),
    InvalidCase(name: "missing-section", expected: [
        Problem(file: "Content/aar/2026/late-discharge.md", line: 10,
                .missingSection("What actually happened?", written: "What happend")),
    ]),
    InvalidCase(name: "duplicate-slug", expected: [
        Problem(file: "Content/bright-spot/2026/library-outreach.md",
                .duplicateSlug("library-outreach", otherFile: "Content/aar/2025/library-outreach.md")),
    ]),
    InvalidCase(name: "kind-contradicts-folder", expected: [
        Problem(file: "Content/aar/2026/tea.md", line: 4, .kindContradictsFolder(declared: "bright-spot", folder: "aar")),
    ]),
    InvalidCase(name: "unknown-principle", expected: [
        Problem(file: "Content/bright-spot/2026/tea.md", line: 6,
                .unknownPrinciple("nothing-about-us-without-uss", suggestion: "nothing-about-us-without-us")),
        Problem(file: "Content/bright-spot/2026/tea.md", line: 7, .unknownPrinciple("be-nice", suggestion: nil)),
    ]),
    InvalidCase(name: "broken-yaml", expected: [
        Problem(file: "Content/bright-spot/2026/tea.md", line: 5, .invalidYAML("did not find expected ',' or ']'")),
    ]),
    InvalidCase(name: "misplaced-file", expected: [
        Problem(file: "Content/notes.md", .misplacedFile(kinds: kinds)),
    ]),
    InvalidCase(name: "unknown-related", expected: [
        Problem(file: "Content/bright-spot/2026/tea.md", line: 4, .unknownRelated("coffe", suggestion: "coffee")),
        Problem(file: "Content/bright-spot/2026/tea.md", line: 4, .relatedToSelf("tea")),
    ]),
    InvalidCase(name: "bad-values", expected: [
        Problem(file: "Content/peer-support/2026/hard-week.md", line: 3, .invalidDate("2026-02-30")),
        Problem(file: "Content/peer-support/2026/hard-week.md", line: 4, .invalidVisibility("secret")),
        Problem(file: "Content/peer-support/2026/hard-week.md", line: 5, .invalidMonth(key: "forum", value: "September 2026")),
        Problem(file: "Content/peer-support/2026/hard-week.md", line: 6, .invalidBool(key: "draft", value: "maybe")),
        Problem(file: "Content/peer-support/2026/hard-week.md", line: 7,
                .wrongType(key: "tags", expected: "a list, e.g. [housing, outreach]")),
    ]),
    InvalidCase(name: "no-front-matter", expected: [
        Problem(file: "Content/aar/2026/plain.md", line: 1, .missingFrontMatter),
    ]),
    InvalidCase(name: "roi-unknown-code", expected: [
        Problem(file: "Content/bright-spot/2026/tea.md", line: 7,
                .unknownOutcomeCode("ae-atendance", suggestion: "ae-attendance")),
        Problem(file: "Content/bright-spot/2026/tea.md", line: 9, .unknownOutcomeCode("hospital-stay", suggestion: nil)),
    ]),
    InvalidCase(name: "roi-bad-count", expected: [
        Problem(file: "Content/bright-spot/2026/tea.md", line: 8, .invalidCount("-2")),
        Problem(file: "Content/bright-spot/2026/tea.md", line: 10, .invalidCount("three")),
    ]),
    InvalidCase(name: "roi-bad-percentage", expected: [
        Problem(file: "Content/bright-spot/2026/tea.md", line: 9, .invalidPercentage(key: "deadweight", value: "120")),
        Problem(file: "Content/bright-spot/2026/tea.md", line: 10, .invalidPercentage(key: "attribution", value: "some")),
    ]),
    InvalidCase(name: "roi-cost-without-outcomes", expected: [
        Problem(file: "Content/aar/2026/late.md", line: 5, .invalidMoney(key: "cost", value: "1.5k")),
        Problem(file: "Content/aar/2026/late.md", line: 5, .costWithoutOutcomes),
    ]),
    InvalidCase(name: "forum-problems", expected: [
        Problem(file: "Content/bright-spot/2026/tea-at-reception.md", line: 4, .missingEdition(month: "2026-08")),
        Problem(file: "Content/bright-spot/2026/tea-at-reception.md", line: 9, .unknownWikiLink("cofee", suggestion: "coffee")),
        Problem(file: "Content/forum/2026-09.md", line: 2, .editionDateOutsideMonth(date: "2026-10-02", month: "2026-09")),
        Problem(file: "Content/forum/2026-09.md", line: 3, .invalidTime(key: "start", value: "2pm")),
        Problem(file: "Content/forum/2026-09.md", line: 5, .invalidLink(key: "online", value: "meet.example.org")),
        Problem(file: "Content/forum/september.md", .invalidEditionName("september")),
    ]),
    InvalidCase(name: "agenda-problems", expected: [
        Problem(file: "Content/forum/2026-09.md", line: 6, .agendaEntryForumMismatch("tea", entryForum: nil)),
        Problem(file: "Content/forum/2026-09.md", line: 7, .unknownAgendaEntry("coffe", suggestion: "coffee")),
        Problem(file: "Content/forum/2026-09.md", line: 8, .duplicateName(what: "agenda entry", name: "tea")),
        Problem(file: "Content/forum/2026-09.md", line: 12, .unknownWikiLink("coffe", suggestion: "coffee")),
    ]),
    InvalidCase(name: "identifier", expected: [
        Problem(file: "Content/aar/2026/missed-appointment.md", line: 17,
                .identifier(kind: "NHS number", text: "943 476 5919")),
        Problem(file: "Content/aar/2026/missed-appointment.md", line: 18, .identifier(kind: "age", text: "aged 34")),
    ]),
    InvalidCase(name: "many-problems", expected: [
        Problem(file: "Content/aar/2026/second.md", line: 2, .missingKey("title")),
        Problem(file: "Content/aar/2026/second.md", line: 3,
                .unknownPrinciple("study-success", suggestion: "study-success-and-share-it")),
        Problem(file: "Content/bright-spot/2026/first.md", line: 3, .invalidDate("2026-13-01")),
        Problem(file: "Content/bright-spot/2026/first.md", line: 4, .unknownKey("autor", allowed: keys, suggestion: "author")),
        Problem(file: "Content/bright-spot/2026/first.md", line: 6,
                .missingSection("Could it work elsewhere?", written: nil)),
        Problem(file: "Content/peer-support/2025/third.md", line: 3,
                .yearFolderMismatch(folder: "2025", date: "2026-01-05")),
    ]),
]

@Suite("Invalid content: every problem reported, with file and line")
struct InvalidContentTests {
    @Test("check reports exactly the expected problems", arguments: invalidCases)
    func checkReportsProblems(_ invalid: InvalidCase) throws {
        let project = try Fixtures.project("invalid/\(invalid.name)")
        defer { project.remove() }
        let report = SiteBuilder.check(project.options())
        #expect(report.problems == ProblemReport(invalid.expected).problems)
    }

    @Test("build refuses invalid content with the same report and writes nothing", arguments: invalidCases)
    func buildRefuses(_ invalid: InvalidCase) throws {
        let project = try Fixtures.project("invalid/\(invalid.name)")
        defer { project.remove() }
        let sink = MemorySink()
        let error = #expect(throws: ProblemReport.self) { try SiteBuilder.build(project.options(), into: sink) }
        #expect(error?.problems == ProblemReport(invalid.expected).problems)
        #expect(sink.files.isEmpty)
    }

    @Test("the report is numbered, with file:line and a fix for each problem")
    func reportFormat() throws {
        let project = try Fixtures.project("invalid/many-problems")
        defer { project.remove() }
        let text = SiteBuilder.check(project.options()).description
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "6 problems found:")
        #expect(lines.contains("1. Content/aar/2026/second.md:2: the required key \"title\" is missing."))
        #expect(lines.contains("4. Content/bright-spot/2026/first.md:4: unknown key \"autor\"."))
        #expect(lines.contains("   Fix: Did you mean \"author\"?"))
        #expect(lines.filter { $0.hasPrefix("   Fix: ") }.count == 6)
    }

    @Test("a broken template is a problem naming its file and line")
    func brokenTemplate() throws {
        let project = try Fixtures.project("golden")
        defer { project.remove() }
        try project.write("MyTheme/templates/tags.mustache", "<h1>Tags</h1>\n{{#tags}}\n<p>{{label}}</p>\n")
        let report = SiteBuilder.check(project.options(theme: "./MyTheme"))
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.file == "MyTheme/templates/tags.mustache")
        if case .invalidTemplate = report.problems.first?.reason {} else {
            Issue.record("expected an invalid template problem, got \(report.problems)")
        }
    }

    @Test("a missing configuration file is reported")
    func missingConfiguration() throws {
        let project = try Fixtures.project(nil)
        defer { project.remove() }
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("Content/principles.yaml"))
        let report = SiteBuilder.check(project.options())
        #expect(report.problems == [Problem(file: "Content/principles.yaml", .missingFile)])
    }
}
