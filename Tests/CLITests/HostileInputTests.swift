import Foundation
import FuzzInvariants
import Testing

/// Hostile submissions against the real `brightspots serve`, through the form (with a valid token from the form)
/// and the JSON API: each one is refused with a 4xx and a clear message and nothing is stored, or it is stored,
/// approved, and every page and file the site then holds is inert. The daemon goes on serving throughout.
@Suite("Hostile input against the live daemon", .serialized)
struct HostileInputTests {
    typealias Curl = DaemonLiveTests.Curl

    /// Markup that runs script if it ever reaches a page unescaped. Each goes into every text field at once.
    static let payloads = [
        "<script>alert('bs')</script>",
        "<img src=x onerror=alert('bs')>",
        "\"><svg onload=alert('bs')>",
        "'><iframe src=javascript:alert('bs')></iframe>",
        "<a href=\"javascript:alert('bs')\">click</a>",
        "<b onmouseover=alert('bs')>HTML in a title</b>",
        "{{{bodyHTML}}} {{#site}}{{/site}} &lt;script&gt;",
    ]

    /// Markdown that makes links, images and code: only in the body sections, where Markdown is rendered.
    static let markdownPayloads = [
        "[click](javascript:alert('bs')) [raw](JaVaScRiPt:alert(1)) [entity](javascript&#58;alert(1))",
        "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) <javascript:alert(1)> javascript:alert(1)",
        "![img](javascript:alert('bs')) ![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "```\"><script>\nalert('bs')\n```",
        "[ref][r]\n\n[r]: javascript:alert(1)",
    ]

    // MARK: Accepted and published inert

    @Test("script, HTML and javascript:/data: links in every field, by form and API, are published inert")
    func scriptInEveryField() throws {
        let harness = try Harness()
        defer { harness.stop() }
        var published: [String] = []
        for (index, payload) in Self.payloads.enumerated() {
            let markdown = Self.markdownPayloads[index % Self.markdownPayloads.count]
            let submission = HostileSubmission(
                title: "Case \(index) \(payload)", sections: [payload, markdown, "Text. \(payload)", markdown],
                tags: "\(payload), housing", team: payload, displayName: String(payload.prefix(80)), paidFor: payload)
            for path in [Harness.Path.form, .api] {
                let reference = try harness.accept(submission, via: path)
                published.append(try harness.approve(reference))
            }
        }
        for (index, markdown) in Self.markdownPayloads.enumerated() {
            let submission = HostileSubmission(title: "Markdown case \(index)", sections: Array(repeating: markdown, count: 4))
            published.append(try harness.approve(try harness.accept(submission, via: .api)))
        }
        for path in published {
            let page = try Curl(in: harness.project.root, name: "reader").request(harness.daemon.base + path)
            #expect(page.status == 200, "\(path)")
            #expect(HTMLSafety.violations(inPage: page.body) == [], "\(path)")
        }
        // The payloads are on the pages as text.
        let first = try Curl(in: harness.project.root, name: "reader").request(harness.daemon.base + published[0])
        #expect(first.body.contains("Case 0 &lt;script&gt;alert(&#39;bs&#39;)&lt;/script&gt;"))
        try harness.expectSiteInert()
        try harness.expectOnlyEntryFilesWritten(count: published.count)
        try harness.expectStillServing()
    }

    @Test("path traversal in titles and tags gives a safe file name; in kinds and URL paths it is refused")
    func pathTraversal() throws {
        let harness = try Harness()
        defer { harness.stop() }
        let titles = ["../../etc/passwd", "..%2f..%2f..%2fetc%2fpasswd", "/etc/passwd", "..\\..\\windows\\win.ini",
                      "....//....//", "Content/aar/2026/overwrite", "~/.ssh/authorized_keys"]
        var slugs: [String] = []
        for (index, title) in titles.enumerated() {
            let submission = HostileSubmission(title: title, tags: "../../etc, /etc/passwd, ..\\..\\win, housing")
            let path = try harness.approve(try harness.accept(submission, via: index % 2 == 0 ? .form : .api))
            let slug = String(path.split(separator: "/").last ?? "")
            #expect(slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" } && !slug.isEmpty,
                    "\(title) became \(path)")
            slugs.append(slug)
        }
        #expect(slugs.prefix(2) == ["etc-passwd", "2f-2f-2fetc-2fpasswd"])
        #expect(slugs.contains("reflection"), "a title with no letters is published as 'reflection': \(slugs)")
        try harness.expectOnlyEntryFilesWritten(count: titles.count)
        let dotsOnly = try harness.post(HostileSubmission(title: "Dots", tags: "../../..//"), via: .api)
        #expect(dotsOnly.status == 422 && dotsOnly.body.contains("must contain a letter or a digit"))

        // Kinds name a folder: anything but a configured kind is refused, by the API and the form.
        for kind in ["../../etc", "aar/../../..", "/etc", "..\\..", "aar/../bright-spot", ""] {
            var submission = HostileSubmission(title: "A kind of \(kind)")
            submission.kind = kind
            let answer = try harness.post(submission, via: .api)
            #expect(answer.status == 422, "kind \(kind)")
            #expect(answer.body.contains("\"field\":\"kind\""), "kind \(kind): \(answer.body)")
            let chose = try harness.visitor.request(harness.daemon.base + "/submit/",
                                                    fields: [("csrf", harness.visitorToken()), ("kind", kind)])
            #expect(chose.status == 422 && chose.body.contains("Select what kind of reflection"), "kind \(kind)")
        }
        let token = try harness.visitorToken()
        for path in ["/submit/..%2f..%2fetc/", "/submit/%2e%2e%2f%2e%2e%2fetc/", "/submit/aar%2f..%2f..%2f/"] {
            let posted = try harness.visitor.request(harness.daemon.base + path, fields: [("csrf", token), ("title", "x")],
                                                     pathAsIs: true)
            #expect(posted.status == 303 || posted.status == 404, "\(path): \(posted.status)")
            #expect(posted.status != 303 || posted.location.hasSuffix("/submit/"), "\(path) → \(posted.location)")
        }
        for path in ["/submit/../../../../etc/passwd", "/status/..%2f..%2f..%2fetc%2fpasswd", "/../brightspots.sqlite",
                     "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
                     "/api/submissions/..%2f..%2fetc%2fpasswd", "/moderate/..%2f..%2fetc%2fpasswd/",
                     "/assets/..\\..\\..\\..\\etc\\passwd", "/..%5c..%5c..%5cetc%5cpasswd", "/Content/site.yaml",
                     "/../Content/site.yaml"] {
            let answer = try harness.visitor.request(harness.daemon.base + path, pathAsIs: true)
            #expect([302, 303, 400, 404].contains(answer.status), "\(path): \(answer.status)")
            #expect(!answer.body.contains("root:x:0:0") && !answer.body.contains("SQLite format")
                    && !answer.body.contains("base_url:"), "\(path) served a file from outside the site")
        }
        try harness.expectStillServing()
    }

    // MARK: Refused, nothing stored

    @Test("oversized bodies, invalid UTF-8, NUL and control characters are refused with a clear message")
    func malformedBodies() throws {
        let harness = try Harness()
        defer { harness.stop() }
        let before = try harness.storedCount()

        // Over the body limit (256 KiB): 413, and the daemon keeps serving.
        let huge = String(repeating: "All well. ", count: 30_000)
        let tooLarge = try harness.postForm(raw: Data("title=Long&sections%5B%5D=\(huge.replacingOccurrences(of: " ", with: "+"))".utf8))
        #expect(tooLarge.status == 413 && tooLarge.body.contains("too long to send"))
        let tooLargeAPI = try harness.post(HostileSubmission(sections: [huge, "b", "c", "d"]), via: .api)
        #expect(tooLargeAPI.status == 413 && tooLargeAPI.body.contains("larger than 256 KiB"))
        // Under the body limit but over a field's limit: the field's own error.
        let long = try harness.post(HostileSubmission(sections: [String(repeating: "a", count: 10_001), "b", "c", "d"]),
                                    via: .api)
        #expect(long.status == 422 && long.body.contains("must be 10,000 characters or fewer"))

        // Raw bytes that are not UTF-8 (a lone byte, an overlong '/', a surrogate), in a form and in JSON.
        for bytes: [UInt8] in [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82]] {
            let form = try harness.postForm(raw: Data("title=".utf8) + Data(bytes) + Data("&declaration=yes".utf8))
            #expect(form.status == 400 && form.body.contains("The form could not be read"), "\(bytes)")
            let json = try harness.postJSON(raw: Data("{\"kind\":\"aar\",\"title\":\"".utf8) + Data(bytes) + Data("\"}".utf8))
            #expect(json.status == 400 && json.body.contains("not UTF-8"), "\(bytes): \(json.body)")
        }
        let percent = try harness.postForm(raw: Data("title=%FF%FE&declaration=yes".utf8))
        #expect(percent.status == 400 && percent.body.contains("The form could not be read"))

        // NUL and other control characters: a raw NUL byte in JSON is not JSON; escaped, or in a form, it is a
        // field error naming the field.
        let rawNUL = try harness.postJSON(raw: Data("{\"kind\":\"aar\",\"title\":\"a\0b\"}".utf8))
        #expect(rawNUL.status == 400 && rawNUL.body.contains("not a JSON submission"))
        for character in ["\u{0}", "\u{1B}[31m", "\u{7F}", "\u{202E}", "\u{8}"] {
            for field in HostileSubmission.textFieldNames {
                var submission = HostileSubmission()
                submission.set(field, to: "Before\(character)after")
                for path in [Harness.Path.form, .api] {
                    let answer = try harness.post(submission, via: path)
                    #expect(answer.status == 422, "\(field) with \(character.unicodeScalars.first!.value) via \(path)")
                    #expect(answer.body.contains("must not contain control characters"), "\(field) via \(path)")
                }
            }
        }
        let formNUL = try harness.postForm(raw: Data("title=a".utf8) + Data([0]) + Data("b&declaration=yes".utf8))
        #expect(formNUL.status == 422 && formNUL.body.contains("must not contain control characters"))
        #expect(try harness.storedCount() == before, "a refused submission was stored")
        // Accepted, not refused: long digit runs where a date's parts would be overflowed Int and stopped the daemon.
        for path in [Harness.Path.form, .api] {
            let answer = try harness.post(HostileSubmission(title: "15-66666666666666666666666666666666-1-5"), via: path)
            #expect([201, 303].contains(answer.status), "\(path): \(answer.status)")
            try harness.expectStillServing()
        }
        try harness.expectStillServing()
    }

    @Test("forged, missing, other sessions' and spent CSRF tokens are refused and store nothing")
    func forgedTokens() throws {
        let harness = try Harness()
        defer { harness.stop() }
        let base = harness.daemon.base
        let good = HostileSubmission(title: "Sent with a forged token").formFields
        let before = try harness.storedCount()
        let other = Curl(in: harness.project.root, name: "other")
        let otherToken = try #require(DaemonLiveTests.csrf(try other.request(base + "/submit/").body))
        _ = try harness.visitorToken()  // the visitor has a session of their own
        let forgeries: [(String, [(String, String)])] = [
            ("no token", []), ("an empty token", [("csrf", "")]),
            ("a made-up token", [("csrf", String(repeating: "A", count: 32))]),
            ("another session's token", [("csrf", otherToken)]),
            ("a token with a line break", [("csrf", otherToken + "\r\n")]),
        ]
        for (what, token) in forgeries {
            for path in ["/submit/", "/submit/aar/", "/submit/check/"] {
                let answer = try harness.visitor.request(base + path, fields: token + [("kind", "aar")] + good)
                #expect(answer.status == 403, "\(what) on \(path): \(answer.status)")
                #expect(answer.body.contains("expired"), "\(what) on \(path)")
            }
            // A browser with no session at all.
            let stranger = Curl(in: harness.project.root, name: "stranger-\(UUID().uuidString)")
            #expect(try stranger.request(base + "/submit/aar/", fields: token + good).status == 403, "\(what), no cookie")
        }
        // A token that has been used: the send cannot be repeated.
        let reference = try harness.accept(HostileSubmission(title: "Sent once"), via: .form)
        let spent = try harness.visitorToken()
        let again = try harness.visitor.request(base + "/submit/check/", fields: [("csrf", spent), ("website", "")])
        #expect(again.status == 303 && again.location.hasSuffix("/submit/"), "a second send: \(again.status) \(again.location)")
        #expect(try harness.storedCount() == before + 1)

        // Moderation: a forged token does not approve, and a logged-out moderator's token is worthless.
        let forged = try harness.moderator.request(base + "/moderate/\(reference)/approve/", fields: [("csrf", otherToken)])
        #expect(forged.status == 403)
        let loggedOutToken = try harness.moderatorToken()
        let logout = try harness.moderator.request(base + "/moderate/logout/", fields: [("csrf", loggedOutToken)])
        #expect(logout.status == 303)
        let after = try harness.moderator.request(base + "/moderate/\(reference)/approve/", fields: [("csrf", loggedOutToken)])
        #expect(after.status == 303 && after.location.hasSuffix("/moderate/login/"))
        let status = try Curl(in: harness.project.root, name: "api").request(base + "/api/submissions/\(reference)")
        #expect(status.body.contains("\"pending\""), "approved without a valid token: \(status.body)")
        try harness.expectStillServing()
    }

    @Test("CR/LF in the display name and other fields never reaches a header or a cookie")
    func headerInjection() throws {
        let harness = try Harness()
        defer { harness.stop() }
        let injected = "Sam\r\nSet-Cookie: bs_injected=1\r\nLocation: https://evil.example/"
        var published: [String] = []
        for path in [Harness.Path.form, .api] {
            let submission = HostileSubmission(title: "Header \(path)\r\nX-Injected: 1", team: injected,
                                               displayName: "Sam\r\nSet-Cookie: bs_injected=1")
            let reference = try harness.accept(submission, via: path)
            published.append(try harness.approve(reference))
        }
        for path in published {
            let page = try harness.visitor.request(harness.daemon.base + path)
            #expect(page.status == 200)
            #expect(page.body.contains("Sam Set-Cookie: bs_injected=1") || page.body.contains("Sam  Set-Cookie: bs_injected=1"),
                    "the display name is shown on one line")
            #expect(HTMLSafety.violations(inPage: page.body) == [])
        }
        let paths = ["/submit/aar%0d%0aSet-Cookie:%20bs_injected=1/", "/api/submissions/BS-%0d%0aSet-Cookie:%20bs_injected=1",
                     "/moderate/BS-AAAA-AAAA-AAAA%0d%0aSet-Cookie:%20bs_injected=1/", "/%0d%0aSet-Cookie:%20bs_injected=1"]
        for path in paths {
            let answer = try harness.visitor.request(harness.daemon.base + path)
            #expect([302, 303, 404].contains(answer.status), "\(path): \(answer.status)")
            #expect(!answer.headers.lowercased().contains("bs_injected"), "\(path) answered with:\n\(answer.headers)")
        }
        let chose = try harness.visitor.request(harness.daemon.base + "/submit/", fields: [
            ("csrf", try harness.visitorToken()), ("kind", "aar\r\nSet-Cookie: bs_injected=1")])
        #expect(chose.status == 422)
        for response in [chose] { #expect(!response.headers.lowercased().contains("bs_injected")) }
        let jar = (try? String(contentsOf: harness.visitor.jar, encoding: .utf8)) ?? ""
        #expect(!jar.contains("bs_injected"), "a cookie was set from a field")
        try harness.expectStillServing()
    }
}
