import BrightspotsCore
import Foundation
import HummingbirdTesting
import NIOCore
import Testing
@testable import BrightspotsServer
@testable import BrightspotsSite

/// The daemon's pages are rendered from dictionaries made by the views' `Encodable` conformance, and the blank
/// form is rendered once per snapshot with the visitor's token put in afterwards. Both must give the bytes that
/// rendering the view structs themselves through `Mirror` (how the pages were made before) gives.
@Suite("Daemon pages")
struct PageRenderingTests {
    /// The page as swift-mustache renders the view structs through `Mirror`: the old way, kept here as the reference.
    struct MirrorPage {
        var site: SiteView
        var page: PageMetaView
        var form: Any
    }

    static func throughMirror(_ snapshot: SiteSnapshot, _ template: String, title: String, path: String,
                              content: Any) -> String {
        let views = snapshot.viewFactory(collection: ContentCollection())
        return snapshot.theme.render(template, MirrorPage(site: views.siteView(current: nil),
                                                          page: views.meta(title: title, description: "", path: path),
                                                          form: content))
    }

    /// Renders `content` both ways and compares the bytes.
    static func expectSame(_ snapshot: SiteSnapshot, _ template: String, title: String = "A page title",
                           path: String = "/submit/", _ content: some Encodable,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let rendered = snapshot.render(template, title: title, path: path, content: content)
        let reference = throughMirror(snapshot, template, title: title, path: path, content: content)
        #expect(rendered.count > 500, "\(template)", sourceLocation: sourceLocation)
        #expect(rendered == reference, "\(template): \(firstDifference(rendered, reference))", sourceLocation: sourceLocation)
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        let index = zip(x, y).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(x.count, y.count)
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, index - 80)..<min(bytes.count, index + 80)], as: UTF8.self)
        }
        return "at byte \(index):\n\(around(x))\n---\n\(around(y))"
    }

    /// Everything filled in, with characters HTML escapes, and an error on every field.
    static let filled = Submission(
        kind: "aar", title: #"Money first <b>"not"</b> & 'medication'"#,
        sections: ["One <script>", "Two & three", "Four \"quoted\"", "Five 'single'"], tags: "housing, <tag>",
        principles: ["no-wrong-front-door"], team: "Team & co", displayName: "Sam <Example>", anonymous: true,
        forum: "2099-01", cost: "1,250.50", paidFor: "a support worker's visits",
        outcomes: [SubmittedOutcome(code: "nope", count: "x"), SubmittedOutcome(code: "", count: "2")],
        declaration: true)

    static let everyFieldError: [FieldError] = ["title", "section-1", "section-3", "tags", "principles", "team",
                                                "display-name", "forum", "cost", "paid-for", "outcome-1-code",
                                                "outcome-1-count", "declaration"]
        .map { FieldError(field: $0, message: "Fix <\($0)> & try again") }

    @Test("every submission page renders as its view structs did")
    func submissionPages() throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        let snapshot = daemon.daemon.publisher.snapshot
        let builder = SubmissionFormBuilder(snapshot: snapshot)
        for kind in snapshot.site.kinds.map(\.id) {
            Self.expectSame(snapshot, "submit-form", builder.view(Submission(kind: kind), errors: [],
                                                                  action: "/submit/\(kind)/", csrf: "TESTTOKEN"))
        }
        Self.expectSame(snapshot, "submit-form", builder.view(Self.filled, errors: Self.everyFieldError,
                                                              action: "/submit/aar/", csrf: "TESTTOKEN"))
        Self.expectSame(snapshot, "submit-form", builder.view(Self.filled, errors: [], action: "/moderate/x/edit/",
                                                              csrf: "TESTTOKEN", forModerator: true))

        let options = snapshot.site.kinds.enumerated().map { index, kind in
            KindOptionView(id: index == 0 ? "kind" : "kind-\(kind.id)", value: kind.id, label: kind.label,
                           hint: kind.description, checked: index == 1)
        }
        Self.expectSame(snapshot, "submit-kind", KindChoiceView(csrf: "TESTTOKEN", error: nil, options: options))
        Self.expectSame(snapshot, "submit-kind", KindChoiceView(csrf: "TESTTOKEN", error: "Select <one>", options: options))

        for error in [nil, "Could not be <saved>"] {
            Self.expectSame(snapshot, "submit-check", CheckAnswersView(
                csrf: "TESTTOKEN", backURL: "/submit/aar/", kindLabel: "After Action Review", title: Self.filled.title,
                rows: builder.summaryRows(Self.filled, changeBase: "/submit/aar/"),
                bodyHTML: snapshot.bodyHTML(markdown: "Some *Markdown* & <b>text</b>\n\n- a list"),
                previewURL: "/submit/preview/", error: error))
        }
        Self.expectSame(snapshot, "submit-sent", SentView(reference: "BS-TEST-0000-0000",
                                                          statusURL: "/api/submissions/BS-TEST-0000-0000"))
        Self.expectSame(snapshot, "message", MessageView(heading: "A <heading>", paragraphs: ["One & two", "Three"],
                                                         linkURL: "/submit/", linkLabel: "Start again"))
        Self.expectSame(snapshot, "message", MessageView(heading: "No link", paragraphs: [], linkURL: nil, linkLabel: nil))
    }

    @Test("every moderation page renders as its view structs did")
    func moderationPages() throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        let snapshot = daemon.daemon.publisher.snapshot
        let builder = SubmissionFormBuilder(snapshot: snapshot)
        for error in [nil, "Enter a correct <username>"] {
            Self.expectSame(snapshot, "moderate-login", LoginView(csrf: "TESTTOKEN", username: "sam & co", error: error))
        }
        let rows = [
            QueueRowView(reference: "BS-A", url: "/moderate/BS-A/", title: "One <b>", kindLabel: "AAR", submitted: "today",
                         findings: 0, findingsText: "None", status: "Pending", publishedURL: nil),
            QueueRowView(reference: "BS-B", url: "/moderate/BS-B/", title: "Two", kindLabel: "AAR", submitted: "today",
                         findings: 2, findingsText: "2 to review", status: "Approved", publishedURL: "/aar/two/"),
        ]
        for isAdmin in [false, true] {
            var queue = QueueView(csrf: "TESTTOKEN", moderator: "sam", isAdmin: isAdmin, pending: rows, decided: rows)
            queue.hasPending = true
            queue.hasDecided = true
            Self.expectSame(snapshot, "moderate-queue", queue)
        }
        Self.expectSame(snapshot, "moderate-queue", QueueView(csrf: "TESTTOKEN", moderator: "sam", isAdmin: false,
                                                              pending: [], decided: []))

        let findings = [
            FindingView(id: "finding-1", value: "0113 496 0000", field: "section-1", kindLabel: "Phone number",
                        text: "0113 496 0000", certainty: "likely", allowed: false),
            FindingView(id: "finding-2", value: "Ward 7", field: "title", kindLabel: "Place", text: "Ward 7",
                        certainty: "possible", allowed: true),
        ]
        var full = ModerationView(
            csrf: "TESTTOKEN", moderator: "sam", isAdmin: true, reference: "BS-A", status: "Rejected", isPending: false,
            isApproved: false, isRejected: true, title: "A <title>", kindLabel: "AAR", submitted: "today",
            decidedBy: "alex", reason: "Not <ours>", publishedURL: "/aar/a/",
            rows: builder.summaryRows(Self.filled, changeBase: nil), findings: findings,
            unallowedFindings: [findings[0]],
            allowances: [AllowanceView(text: "Ward 7", allowedBy: "sam", reason: "a <ward>")],
            errors: [ErrorLinkView(href: "#actions", message: "Conflict & more")], blockers: ["It has been <rejected>."],
            bodyHTML: "<p>Body</p>", previewURL: "/moderate/BS-A/preview/", editURL: "/moderate/BS-A/edit/")
        full.hasFindings = true
        full.hasUnallowed = true
        full.hasAllowances = true
        full.hasErrors = true
        Self.expectSame(snapshot, "moderate-submission", full)
        var pending = ModerationView(
            csrf: "TESTTOKEN", moderator: "sam", isAdmin: false, reference: "BS-A", status: "Pending", isPending: true,
            isApproved: false, isRejected: false, title: "A title", kindLabel: "AAR", submitted: "today",
            decidedBy: nil, reason: nil, publishedURL: nil, rows: builder.summaryRows(Self.filled, changeBase: nil),
            findings: [], unallowedFindings: [], allowances: [], errors: [], blockers: [], bodyHTML: "<p>Body</p>",
            previewURL: "/moderate/BS-A/preview/", editURL: "/moderate/BS-A/edit/")
        pending.canApprove = true
        Self.expectSame(snapshot, "moderate-submission", pending)

        Self.expectSame(snapshot, "moderate-audit", AuditView(csrf: "TESTTOKEN", moderator: "sam", isAdmin: true, rows: [
            AuditRowView(at: "today", actor: "sam", action: "approved", reference: "BS-A", detail: "Content/<x>.md"),
            AuditRowView(at: "today", actor: "sam", action: "loggedIn", reference: nil, detail: ""),
        ]))
    }

    @Test("the blank form and the choice of kind, rendered once, are as a full render with each visitor's token")
    func pagesRenderedOnce() async throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        let snapshot = daemon.daemon.publisher.snapshot
        let builder = SubmissionFormBuilder(snapshot: snapshot)
        try await daemon.application().test(.router) { client in
            var tokens: Set<String> = []
            // Two visitors, each twice: every blank page comes from the one rendering with a placeholder for the token.
            for _ in 0..<2 {
                var browser = Browser(client)
                for _ in 0..<2 {
                    for kind in snapshot.site.kinds {
                        let page = try await browser.get("/submit/\(kind.id)/").text
                        let view = builder.view(Submission(kind: kind.id), errors: [], action: "/submit/\(kind.id)/",
                                                csrf: browser.csrf)
                        let reference = Self.throughMirror(snapshot, "submit-form", title: view.heading,
                                                           path: "/submit/\(kind.id)/", content: view)
                        #expect(page == reference, "\(kind.id): \(Self.firstDifference(page, reference))")
                    }
                    let page = try await browser.get("/submit/").text
                    var choice = KindChoiceView(csrf: browser.csrf, error: nil, options: snapshot.site.kinds.map { kind in
                        KindOptionView(id: "kind-\(kind.id)", value: kind.id, label: kind.label, hint: kind.description,
                                       checked: false)
                    })
                    choice.options[0].id = "kind"
                    let reference = Self.throughMirror(snapshot, "submit-kind", title: "What would you like to send?",
                                                       path: "/submit/", content: choice)
                    #expect(page == reference, "\(Self.firstDifference(page, reference))")
                }
                tokens.insert(browser.csrf)
            }
            #expect(tokens.count == 2)
        }
        #expect(snapshot.pages.remembered.withLock { Set($0.keys) }
            == Set(snapshot.site.kinds.map { "submit-form \($0.id)" } + ["submit-kind", "tags in use", "unit cost options"]))
    }

    @Test("a page rendered once takes the token wherever the template prints it, and only a token that prints unchanged")
    func tokenSlots() {
        let twice = TokenSlotPage { token in "<a>\(token)</a><b>\(token)</b>" }
        #expect(twice.page(token: "ABC-123").map { String(buffer: $0) } == "<a>ABC-123</a><b>ABC-123</b>")
        let none = TokenSlotPage { _ in "<p>no token</p>" }
        #expect(none.page(token: "ABC").map { String(buffer: $0) } == "<p>no token</p>")
        #expect(twice.page(token: "a\"b") == nil)
        #expect(twice.page(token: "a<b") == nil)
        #expect(twice.page(token: "é") == nil)
    }
}
