import BrightspotsCore
import BrightspotsServer
import BrightspotsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A browser for router tests: keeps the session and form-token cookies between requests and reads form tokens
/// from pages.
struct Browser {
    let client: any TestClientProtocol
    /// The session cookie's value.
    var cookie: String?
    /// The form-token cookie's value (set for a visitor with no session).
    var formCookie: String?
    /// The csrf token of the last page that had one.
    var csrf = ""

    init(_ client: any TestClientProtocol) { self.client = client }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func formBody(_ fields: [(String, String)]) -> String {
        fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    @discardableResult
    mutating func send(_ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields = [:],
                       body: String? = nil) async throws -> TestResponse {
        var headers = headers
        let sent = [cookie.map { "brightspots_session=\($0)" }, formCookie.map { "brightspots_form=\($0)" }].compactMap { $0 }
        if !sent.isEmpty { headers[.cookie] = sent.joined(separator: "; ") }
        if body != nil, headers[.contentType] == nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: uri, method: method, headers: headers,
                                                body: body.map { ByteBuffer(string: $0) })
        for setCookie in response.headers[values: .setCookie] where setCookie.hasPrefix("brightspots_session=") {
            let value = setCookie.dropFirst("brightspots_session=".count).prefix { $0 != ";" }
            cookie = value.isEmpty || setCookie.lowercased().contains("max-age=0") ? nil : String(value)
        }
        for setCookie in response.headers[values: .setCookie] where setCookie.hasPrefix("brightspots_form=") {
            formCookie = String(setCookie.dropFirst("brightspots_form=".count).prefix { $0 != ";" })
        }
        if let token = Self.csrf(in: String(buffer: response.body)) { csrf = token }
        return response
    }

    mutating func get(_ uri: String) async throws -> TestResponse { try await send(uri) }

    mutating func post(_ uri: String, _ fields: [(String, String)], csrf token: String? = nil) async throws -> TestResponse {
        try await send(uri, method: .post, body: Self.formBody([("csrf", token ?? csrf)] + fields))
    }

    static func csrf(in page: String) -> String? {
        guard let range = page.range(of: #"name="csrf" value=""#) else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

/// HTML-escapes text as the templates do, to find a message in a page.
func escaped(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        .replacingOccurrences(of: "'", with: "&#39;")
}

/// Fake, valid After Action Review answers.
enum Fake {
    static let sections = [
        "We expected most people to reply to a letter offering a review.",
        "Few replied; the letters looked like bills.",
        "Letters in brown envelopes look official and worrying.",
        "Phone first, then write to confirm.",
    ]

    static func aar(title: String = "Phone first, not letters", sections: [String] = Fake.sections,
                    extra: [(String, String)] = []) -> [(String, String)] {
        [("title", title)] + sections.map { ("sections[]", $0) }
            + [("tags", "housing, outreach"), ("principles[]", "no-wrong-front-door"), ("team", "Test Team"),
               ("display_name", "Sam Example"), ("declaration", "yes")] + extra
    }

    static func submission(title: String = "Phone first, not letters", sections: [String] = Fake.sections) -> Submission {
        Submission(kind: "aar", title: title, sections: sections, tags: "housing", principles: [], team: "Test Team",
                   displayName: "Sam Example", declaration: true)
    }
}

@Suite("Submission form")
struct SubmitFormTests {
    @Test("the first page sets an HttpOnly, SameSite=Lax form-token cookie (no session yet) and the security headers")
    func headersAndCookie() async throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            let response = try await browser.get("/submit/")
            #expect(response.status == .ok)
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("brightspots_form=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Path=/"))
            #expect(!response.headers[values: .setCookie].contains { $0.hasPrefix("brightspots_session=") },
                    "a first visit stores no session")
            #expect(browser.formCookie == browser.csrf, "the cookie carries the page's form token")
            let csp = try #require(response.headers[.contentSecurityPolicy])
            #expect(!csp.contains("unsafe-inline"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[HTTPField.Name("Referrer-Policy")!] != nil)
            #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            #expect(response.headers[.cacheControl] == "no-store")
            #expect(!browser.csrf.isEmpty)
        }
    }

    @Test("choosing a kind goes to its form; choosing none is an error linked to the radios")
    func chooseKind() async throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.get("/submit/")
            let none = try await browser.post("/submit/", [])
            #expect(none.status == .unprocessableContent)
            #expect(none.text.contains("<title>Error: What would you like to send?"))
            #expect(none.text.contains("There is a problem"))
            #expect(none.text.contains(errorLink("kind")))
            #expect(none.text.contains(#"id="kind""#))
            let chosen = try await browser.post("/submit/", [("kind", "aar")])
            #expect(chosen.status == .seeOther)
            #expect(chosen.headers[.location] == "/submit/aar/")
            let form = try await browser.get("/submit/aar/")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"action="/submit/aar/""#))
        }
    }

    @Test("a form with errors comes back with an error summary, inline errors and everything typed, escaped")
    func formErrors() async throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.get("/submit/aar/")
            let typed = "<script>alert(1)</script>"
            let response = try await browser.post("/submit/aar/", [
                ("title", typed), ("sections[]", "First answer & more"), ("sections[]", ""), ("sections[]", "Third"),
                ("sections[]", "Fourth"), ("team", "Team \"Quoted\""), ("display_name", "Sam Example"),
                ("tags", "housing"), ("principles[]", "no-wrong-front-door"),
            ])
            #expect(response.status == .unprocessableContent)
            let page = response.text
            #expect(page.contains("<title>Error: Send an After Action Review"))
            #expect(page.contains("There is a problem"))
            #expect(page.contains(errorLink("section-2")))
            #expect(page.contains(errorLink("declaration")))
            #expect(!page.contains(errorLink("title")))  // the title was given
            #expect(page.contains(#"<span class="visually-hidden">Error:</span> "# + escaped("Enter your answer to ‘What actually happened?’")))
            #expect(page.contains(escaped("Confirm that you have removed anything that could identify a person who uses services")))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.contains(typed))
            #expect(page.contains("First answer &amp; more"))
            #expect(page.contains("Team &quot;Quoted&quot;"))
            #expect(page.contains(#"value="no-wrong-front-door" aria-describedby="principle-no-wrong-front-door-hint" checked"#))

            let missingTitle = try await browser.post("/submit/aar/", Fake.aar(title: ""))
            #expect(missingTitle.status == .unprocessableContent)
            #expect(missingTitle.text.contains(errorLink("title") + "Enter a title</a>"))
        }
    }

    @Test("privacy findings on the form are field errors quoting the text, and nothing is stored",
          arguments: [
            ("Her NHS number was 943 476 5919.", "NHS number", "943 476 5919"),
            ("Call 07700 900123 for the service.", "phone number", "07700 900123"),
            ("Write to jo@example.com about it.", "email address", "jo@example.com"),
          ])
    func privacy(_ text: String, _ label: String, _ quoted: String) async throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.get("/submit/aar/")
            var sections = Fake.sections
            sections[1] = text
            let response = try await browser.post("/submit/aar/", Fake.aar(sections: sections))
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(errorLink("section-2")))
            #expect(response.text.contains(escaped("Remove the \(label) ‘\(quoted)’")))
        }
        #expect(try await daemon.store.submissions(status: nil).isEmpty)
    }

    @Test("a valid form goes to check your answers, the preview, then sent with a reference; one pending submission is stored")
    func happyPath() async throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.get("/submit/")
            #expect(try await browser.post("/submit/", [("kind", "aar")]).status == .seeOther)
            try await browser.get("/submit/aar/")
            let posted = try await browser.post("/submit/aar/", Fake.aar())
            #expect(posted.status == .seeOther)
            #expect(posted.headers[.location] == "/submit/check/")

            let check = try await browser.get("/submit/check/")
            #expect(check.status == .ok)
            #expect(check.text.contains("Phone first, not letters"))
            #expect(check.text.contains("Few replied; the letters looked like bills."))
            #expect(check.text.contains(#"href="/submit/aar/#title""#))
            #expect(check.text.contains(#"href="/submit/aar/#section-2""#))
            #expect(check.text.contains("<p>Few replied; the letters looked like bills.</p>"))  // the preview HTML

            let preview = try await browser.get("/submit/preview/")
            #expect(preview.status == .ok)
            #expect(preview.text.contains("preview-banner"))
            #expect(preview.text.contains("Phone first, not letters"))

            #expect(try await daemon.store.submissions(status: nil).isEmpty)
            let sent = try await browser.post("/submit/check/", [])
            #expect(sent.status == .seeOther)
            #expect(sent.headers[.location] == "/submit/sent/")
            let page = try await browser.get("/submit/sent/")
            #expect(page.status == .ok)
            let match = try #require(page.text.firstMatch(of: /BS-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/))
            let stored = try await daemon.store.submissions(status: nil)
            #expect(stored.count == 1)
            #expect(stored.first?.reference == String(match.output))
            #expect(stored.first?.status == .pending)
            #expect(stored.first?.submission.title == "Phone first, not letters")
            let audit = try await daemon.store.audit(since: nil)
            #expect(audit.map(\.action) == [.submitted])
            #expect(audit.first?.reference == String(match.output))
        }
    }

    @Test("a missing or wrong form token is refused: 403 on sending and nothing stored; the form keeps what was typed")
    func csrf() async throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.get("/submit/aar/")
            let wrongForm = try await browser.post("/submit/aar/", Fake.aar(title: "Kept title"), csrf: "WRONG")
            #expect(wrongForm.status == .forbidden)
            #expect(wrongForm.text.contains(#"value="Kept title""#))
            #expect(wrongForm.text.contains("Few replied; the letters looked like bills."))

            #expect(try await browser.post("/submit/aar/", Fake.aar()).status == .seeOther)
            let missing = try await browser.send("/submit/check/", method: .post, body: "website=")
            #expect(missing.status == .forbidden)
            let wrong = try await browser.post("/submit/check/", [], csrf: String(repeating: "A", count: 32))
            #expect(wrong.status == .forbidden)
        }
        #expect(try await daemon.store.submissions(status: nil).isEmpty)
    }

    @Test("a filled-in honeypot is refused and nothing is stored")
    func honeypot() async throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.get("/submit/aar/")
            let form = try await browser.post("/submit/aar/", Fake.aar(extra: [("website", "https://spam.example.com")]))
            #expect(form.status == .unprocessableContent)
            #expect(form.text.contains("looks automated"))
            #expect(try await browser.post("/submit/aar/", Fake.aar()).status == .seeOther)
            let send = try await browser.post("/submit/check/", [("website", "https://spam.example.com")])
            #expect(send.status == .unprocessableContent)
            #expect(send.text.contains("looks automated"))
        }
        #expect(try await daemon.store.submissions(status: nil).isEmpty)
    }

    @Test("the third submission in the window is asked to wait, on the form and the API")
    func rateLimit() async throws {
        var settings = ServerSettings()
        settings.submissionsPerWindow = 2
        let daemon = try TestDaemon.make(settings: settings)
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.get("/submit/aar/")
            for number in 1...3 {
                #expect(try await browser.post("/submit/aar/", Fake.aar(title: "Rate test \(number)")).status == .seeOther)
                let sent = try await browser.post("/submit/check/", [])
                if number < 3 {
                    #expect(sent.status == .seeOther)
                } else {
                    #expect(sent.status == .tooManyRequests)
                    #expect(Int(sent.headers[.retryAfter] ?? "") ?? 0 > 0)
                }
            }
            let api = try await client.execute(uri: "/api/submissions", method: .post,
                                               headers: [.contentType: "application/json"],
                                               body: ByteBuffer(string: APITests.validJSON))
            #expect(api.status == .tooManyRequests)
            #expect(api.headers[.retryAfter] != nil)
        }
        #expect(try await daemon.store.submissions(status: nil).count == 2)
    }

    @Test("a body over the limit is refused with 413, on the form and the API")
    func bodyLimit() async throws {
        var settings = ServerSettings()
        settings.bodyLimit = 2048
        let daemon = try TestDaemon.make(settings: settings)
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.get("/submit/aar/")
            let big = String(repeating: "Long answer. ", count: 400)
            let form = try await browser.post("/submit/aar/", Fake.aar(sections: [big, big, big, big]))
            #expect(form.status == .contentTooLarge)
            let small = try await browser.post("/submit/aar/", Fake.aar())
            #expect(small.status == .seeOther)
            let api = try await client.execute(uri: "/api/submissions", method: .post,
                                               headers: [.contentType: "application/json"],
                                               body: ByteBuffer(string: #"{"title": ""# + big + #""}"#))
            #expect(api.status == .contentTooLarge)
        }
        #expect(try await daemon.store.submissions(status: nil).isEmpty)
    }

    @Test("invalid UTF-8 is a 400 page; control characters are a field error")
    func encoding() async throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.get("/submit/aar/")
            let bad = try await browser.send("/submit/aar/", method: .post,
                                             body: "csrf=\(browser.csrf)&title=%FF%FE&declaration=yes")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("The form could not be read"))
            for control in ["%00", "%1B"] {
                let body = Browser.formBody([("csrf", browser.csrf)] + Fake.aar(title: "placeholder"))
                    .replacingOccurrences(of: "title=placeholder", with: "title=Bad\(control)title")
                let response = try await browser.send("/submit/aar/", method: .post, body: body)
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains(errorLink("title") + "Title must not contain control characters"))
            }
        }
    }
}

/// The start of an error summary link to a field.
func errorLink(_ field: String) -> String { "<a href=\"#\(field)\">" }
