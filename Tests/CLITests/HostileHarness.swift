import Foundation
import FuzzInvariants
import Testing

/// A submission as a hostile client sends it: every field free text, nothing checked on this side.
struct HostileSubmission {
    var kind = "aar"
    var title = "A plain title"
    var sections = ["Expected.", "Happened.", "Because.", "Keep doing."]
    var tags = "housing"
    var team = ""
    var displayName = "Sam Tester"
    var paidFor = ""

    static let textFieldNames = ["title", "section", "tags", "team", "display_name", "paid_for"]

    mutating func set(_ field: String, to value: String) {
        switch field {
        case "title": title = value
        case "section": sections[1] = value
        case "tags": tags = value
        case "team": team = value
        case "display_name": displayName = value
        default: paidFor = value
        }
    }

    /// With something in "paid for", a cost and an outcome go with it, so the field is written to the entry.
    var hasROI: Bool { !paidFor.isEmpty }

    var formFields: [(String, String)] {
        var fields = [("website", ""), ("title", title)] + sections.map { ("sections[]", $0) }
        fields += [("tags", tags), ("team", team), ("display_name", displayName), ("declaration", "yes")]
        if hasROI {
            fields += [("cost", "450"), ("paid_for", paidFor), ("outcome_codes[]", "ae-attendance"), ("outcome_counts[]", "2")]
        }
        return fields
    }

    var json: Data {
        var object: [String: Any] = ["kind": kind, "title": title, "sections": sections,
                                     "tags": tags.split(separator: ",").map(String.init), "team": team,
                                     "display_name": displayName, "declaration": true]
        if hasROI {
            object["roi"] = ["cost": "450", "paid_for": paidFor, "outcomes": [["code": "ae-attendance", "count": "2"]]]
        }
        return (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }
}

/// One `brightspots serve` on a scratch project inside a sandbox folder (so a file written outside the project
/// would show), with a logged-in moderator and a visitor, and the rate limit raised for a corpus.
final class Harness {
    typealias Curl = DaemonLiveTests.Curl

    enum Path: String, CustomStringConvertible {
        case form, api
        var description: String { rawValue }
    }

    let sandbox: URL
    let project: ScratchProject
    let daemon: DaemonLiveTests.Daemon
    let visitor: Curl
    let moderator: Curl
    /// Every file under Content/ as it was when the daemon started.
    let contentBefore: [String: Data]
    let year = Calendar(identifier: .gregorian).component(.year, from: Date())

    init() throws {
        sandbox = FileManager.default.temporaryDirectory.appendingPathComponent("brightspots-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: sandbox, withIntermediateDirectories: true)
        project = try ScratchProject(parent: sandbox)
        try DaemonLiveTests.addAdmin(project)
        try project.write("hostile.yaml", "submissions_per_window: 10000\n")
        daemon = DaemonLiveTests.Daemon(project: project, port: try DaemonLiveTests.freePort())
        try daemon.start(["--config", project.root.appendingPathComponent("hostile.yaml").path])
        contentBefore = Self.files(under: project.root.appendingPathComponent("Content"))
        visitor = Curl(in: project.root, name: "visitor")
        moderator = Curl(in: project.root, name: "moderator")
        let login = try moderator.request(daemon.base + "/moderate/login/")
        let loggedIn = try moderator.request(daemon.base + "/moderate/login/", fields: [
            ("csrf", DaemonLiveTests.csrf(login.body) ?? ""), ("username", "tester"), ("password", DaemonLiveTests.password)])
        guard loggedIn.status == 303 else { throw DaemonLiveTests.DaemonError("login refused: \(loggedIn.body.prefix(500))") }
    }

    func stop() {
        daemon.stop()
        try? FileManager.default.removeItem(at: sandbox)
    }

    func visitorToken() throws -> String {
        try #require(DaemonLiveTests.csrf(try visitor.request(daemon.base + "/submit/").body), "no token on /submit/")
    }

    func moderatorToken() throws -> String {
        try #require(DaemonLiveTests.csrf(try moderator.request(daemon.base + "/moderate/").body), "no token on /moderate/")
    }

    /// Sends a submission once, through the form (with the form's own token) or the API; the first answer.
    func post(_ submission: HostileSubmission, via path: Path) throws -> Curl.Response {
        switch path {
        case .form:
            // Encoded here, not by curl: a NUL cannot travel in curl's arguments.
            let body = ([("csrf", try visitorToken())] + submission.formFields).map { name, value in
                Self.formEncoded(name) + "=" + Self.formEncoded(value)
            }.joined(separator: "&")
            return try visitor.send(daemon.base + "/submit/\(submission.kind)/", body: Data(body.utf8),
                                    contentType: "application/x-www-form-urlencoded")
        case .api:
            return try postJSON(raw: submission.json)
        }
    }

    static func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    func postForm(raw body: Data) throws -> Curl.Response {
        try visitor.send(daemon.base + "/submit/aar/", body: Data("csrf=\(try visitorToken())&".utf8) + body,
                         contentType: "application/x-www-form-urlencoded")
    }

    func postJSON(raw body: Data) throws -> Curl.Response {
        try Curl(in: project.root, name: "api").send(daemon.base + "/api/submissions", body: body,
                                                    contentType: "application/json")
    }

    /// Sends a submission the daemon must accept; through the form, "Check your answers" and the preview are
    /// checked to be inert on the way. Returns the reference.
    func accept(_ submission: HostileSubmission, via path: Path) throws -> String {
        let answer = try post(submission, via: path)
        switch path {
        case .api:
            #expect(answer.status == 201, "refused: \(answer.body)")
            return try #require(DaemonLiveTests.reference(answer.body), "no reference in \(answer.body)")
        case .form:
            #expect(answer.status == 303, "refused: \(answer.body.prefix(3000))")
            for page in ["/submit/check/", "/submit/preview/"] {
                let shown = try visitor.request(daemon.base + page)
                #expect(shown.status == 200, "\(page)")
                #expect(HTMLSafety.violations(inPage: shown.body) == [], "\(page)")
            }
            let send = try visitor.request(daemon.base + "/submit/check/", fields: [("csrf", visitorToken()), ("website", "")])
            #expect(send.status == 303 && send.location.hasSuffix("/submit/sent/"), "send: \(send.status) \(send.body.prefix(2000))")
            let sent = try visitor.request(daemon.base + "/submit/sent/")
            return try #require(DaemonLiveTests.reference(sent.body), "no reference on the confirmation page")
        }
    }

    /// Approves through the moderation pages (checking the submission's page is inert); returns the published path.
    func approve(_ reference: String) throws -> String {
        let detail = try moderator.request(daemon.base + "/moderate/\(reference)/")
        #expect(HTMLSafety.violations(inPage: detail.body) == [], "/moderate/\(reference)/")
        let token = try #require(DaemonLiveTests.csrf(detail.body))
        let approved = try moderator.request(daemon.base + "/moderate/\(reference)/approve/", fields: [("csrf", token)])
        #expect(approved.status == 303, "approval refused: \(approved.body.prefix(3000))")
        let after = try moderator.request(daemon.base + "/moderate/\(reference)/")
        return String(try #require(after.body.firstMatch(of: /Published: <a href="([^"]+)"/)?.output.1,
                                   "\(reference) was not published"))
    }

    /// Submissions in the store, whatever their status.
    func storedCount() throws -> Int {
        try ["pending", "approved", "rejected"].reduce(0) { total, status in
            let listed = try Binary.run(["moderate", "list", "--status", status, "--root", project.root.path])
            return total + listed.output.split(separator: "\n").filter { $0.contains("BS-") }.count
        }
    }

    func expectStillServing() throws {
        #expect(daemon.process?.isRunning == true, "the daemon stopped; its log:\n\(daemon.logText.suffix(3000))")
        #expect(try DaemonLiveTests.Curl.status(daemon.base + "/submit/") == 200)
    }

    /// Every page and feed of the built site is inert; every JSON file is JSON.
    func expectSiteInert() throws {
        for (path, data) in Self.files(under: project.root.appendingPathComponent("public")) {
            let text = String(decoding: data, as: UTF8.self)
            if path.hasSuffix(".html") || path.hasSuffix(".xml") {
                #expect(HTMLSafety.violations(inPage: text) == [], "public/\(path)")
            } else if path.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "public/\(path) is not JSON")
            }
        }
    }

    /// Nothing was written outside the project; under Content/ only `count` new entry files, each in
    /// Content/aar/<this year>/ with a safe name, and no file changed.
    func expectOnlyEntryFilesWritten(count: Int) throws {
        let outside = try FileManager.default.contentsOfDirectory(atPath: sandbox.path)
        #expect(outside == [project.root.lastPathComponent], "written beside the project: \(outside)")
        let now = Self.files(under: project.root.appendingPathComponent("Content"))
        let added = now.keys.filter { contentBefore[$0] == nil }.sorted()
        #expect(added.count == count, "new files under Content/: \(added)")
        for path in added {
            #expect(path.wholeMatch(of: /aar\/[0-9]{4}\/[a-z0-9]+(-[a-z0-9]+)*\.md/) != nil && path.hasPrefix("aar/\(year)/"),
                    "Content/\(path)")
        }
        for (path, data) in contentBefore { #expect(now[path] == data, "Content/\(path) changed or went") }
    }

    /// Every regular file under a folder, by path relative to it.
    static func files(under folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.resolvingSymlinksInPath().path
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return files }
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            let path = url.resolvingSymlinksInPath().path
            files[String(path.dropFirst(base.count + 1))] = FileManager.default.contents(atPath: path)
        }
        return files
    }
}
