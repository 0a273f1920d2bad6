import BrightspotsCore
import BrightspotsServer
import BrightspotsStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

@Suite("Submission API")
struct APITests {
    static let validJSON = """
        {"kind": "aar", "title": "API reflection", "sections": ["Expected replies.", "Few replied.", "Letters look like bills.", "Phone first."],
         "tags": ["housing"], "principles": ["no-wrong-front-door"], "team": "Test Team", "display_name": "Sam Example",
         "declaration": true}
        """

    static func post(_ client: any TestClientProtocol, _ body: String,
                     contentType: String = "application/json") async throws -> TestResponse {
        try await client.execute(uri: "/api/submissions", method: .post, headers: [.contentType: contentType],
                                 body: ByteBuffer(string: body))
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test("a valid submission is created as pending, and its status follows it to approval")
    func createAndStatus() async throws {
        let daemon = try await ModerationTests.daemon()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            let created = try await Self.post(client, Self.validJSON)
            #expect(created.status == .created)
            let body = try Self.json(created)
            let reference = try #require(body["reference"] as? String)
            #expect(reference.wholeMatch(of: /BS-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/) != nil)
            #expect(created.headers[.location] == "/api/submissions/\(reference)")
            #expect(body["status"] as? String == "pending")
            #expect(try await daemon.store.submission(reference: reference)?.submission.title == "API reflection")

            let pending = try await client.execute(uri: "/api/submissions/\(reference)", method: .get)
            #expect(pending.status == .ok)
            #expect(try Self.json(pending)["status"] as? String == "pending")
            #expect(try Self.json(pending)["published_url"] == nil)

            var browser = Browser(client)
            try await ModerationTests.logIn(&browser)
            #expect(try await browser.post("/moderate/\(reference)/approve/", []).status == .seeOther)
            let approved = try await client.execute(uri: "/api/submissions/\(reference.lowercased())", method: .get)
            #expect(approved.status == .ok)
            let status = try Self.json(approved)
            #expect(status["status"] as? String == "approved")
            #expect((status["published_url"] as? String)?.hasSuffix("/after-action-reviews/api-reflection/") == true)
        }
    }

    @Test("an invalid submission gets the form's error messages, field by field")
    func errors() async throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        let body = """
            {"kind": "aar", "title": "", "sections": ["One", "", "Call 07700 900123", "Four"], "tags": ["housing"],
             "display_name": "Sam Example", "declaration": false}
            """
        try await daemon.application().test(.router) { client in
            let response = try await Self.post(client, body)
            #expect(response.status == .unprocessableContent)
            let errors = try #require(try Self.json(response)["errors"] as? [[String: String]])
            let snapshot = daemon.daemon.publisher.snapshot
            let expected = SubmissionCheck.errors(
                Submission(kind: "aar", title: "", sections: ["One", "", "Call 07700 900123", "Four"], tags: "housing",
                           displayName: "Sam Example", declaration: false),
                vocabulary: snapshot.vocabulary, forumMonths: snapshot.upcomingEditions.map(\.month))
            #expect(errors.map { FieldError(field: $0["field"] ?? "", message: $0["message"] ?? "") } == expected)
            #expect(errors.map { $0["field"] ?? "" } == ["title", "section-2", "section-3", "declaration"])

            // The form shows the same messages for the same answers.
            var browser = Browser(client)
            try await browser.get("/submit/aar/")
            let form = try await browser.post("/submit/aar/", [("title", ""), ("sections[]", "One"), ("sections[]", ""),
                                                               ("sections[]", "Call 07700 900123"), ("sections[]", "Four"),
                                                               ("tags", "housing"), ("display_name", "Sam Example")])
            for error in expected {
                #expect(form.text.contains(errorLink(error.field) + escaped(error.message) + "</a>"))
            }
        }
        #expect(try await daemon.store.submissions(status: nil).isEmpty)
    }

    @Test("the wrong content type is 415, malformed JSON is 400, an unknown reference is a JSON 404")
    func refusals() async throws {
        let daemon = try TestDaemon.make()
        defer { daemon.remove() }
        try await daemon.application().test(.router) { client in
            let form = try await Self.post(client, "title=x", contentType: "application/x-www-form-urlencoded")
            #expect(form.status == .unsupportedMediaType)
            #expect(try Self.json(form)["error"] != nil)
            let malformed = try await Self.post(client, #"{"title": "#)
            #expect(malformed.status == .badRequest)
            #expect(try Self.json(malformed)["error"] != nil)
            let wrongType = try await Self.post(client, #"{"declaration": "yes"}"#)
            #expect(wrongType.status == .badRequest)
            for reference in ["BS-0000-0000-0000", "not-a-reference"] {
                let unknown = try await client.execute(uri: "/api/submissions/\(reference)", method: .get)
                #expect(unknown.status == .notFound)
                #expect(unknown.headers[.contentType]?.hasPrefix("application/json") == true)
                #expect(try Self.json(unknown)["error"] as? String == "No submission has this reference.")
            }
        }
        #expect(try await daemon.store.submissions(status: nil).isEmpty)
    }
}
