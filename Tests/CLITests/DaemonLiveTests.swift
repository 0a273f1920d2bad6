import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `brightspots serve` on a free loopback port, driven over HTTP by curl with a cookie jar, as a browser
/// would: send a reflection through the forms, moderate it, see it published; survive kill -9; stop on SIGTERM.
@Suite("The daemon, live", .serialized)
struct DaemonLiveTests {
    static let password = "correct horse battery staple"

    /// A running `brightspots serve` on a scratch project, with its output in a log file.
    final class Daemon {
        let project: ScratchProject
        let port: Int
        var process: Process?
        let log: URL

        init(project: ScratchProject, port: Int) {
            self.project = project
            self.port = port
            log = project.root.appendingPathComponent("serve-\(UUID().uuidString).log")
        }

        var base: String { "http://127.0.0.1:\(port)" }

        func start(_ extra: [String] = []) throws {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            let process = Binary.start(["serve", "--root", project.root.path, "--port", String(port)] + extra)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            try? handle.close()  // the child has its own copy
            self.process = process
            // The site is built before the server listens: allow a generous time.
            let deadline = Date().addingTimeInterval(90)
            while Date() < deadline {
                if !process.isRunning { break }
                if (try? Curl.status(base + "/submit/")) == 200 { return }
                usleep(200_000)
            }
            throw DaemonError("the daemon did not answer on \(base); its log:\n\(logText)")
        }

        var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        func signal(_ number: Int32) -> (status: Int32, reason: Process.TerminationReason)? {
            guard let process, process.isRunning else { return nil }
            kill(process.processIdentifier, number)
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(50_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                self.process = nil
                return nil
            }
            process.waitUntilExit()
            self.process = nil
            return (process.terminationStatus, process.terminationReason)
        }

        /// Stops it whatever state it is in (used in defer).
        func stop() {
            guard let process else { return }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            self.process = nil
        }
    }

    struct DaemonError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// curl with a cookie jar: one jar per visitor.
    struct Curl {
        let jar: URL

        init(in folder: URL, name: String) {
            jar = folder.appendingPathComponent("\(name)-cookies.txt")
        }

        struct Response {
            var status: Int
            var location: String
            var body: String
            /// The response's header lines, as received.
            var headers: String = ""
        }

        static func run(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = arguments
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }

        static func status(_ url: String) throws -> Int {
            Int(try run(["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", url])) ?? 0
        }

        /// GET or (with fields) POST, without following redirects. The body comes first and the status and
        /// redirect target last, on a line of their own. `pathAsIs` sends `/../` and `/./` as written.
        func request(_ url: String, fields: [(String, String)]? = nil, pathAsIs: Bool = false) throws -> Response {
            var arguments: [String] = []
            for (name, value) in fields ?? [] { arguments += ["--data-urlencode", "\(name)=\(value)"] }
            if pathAsIs { arguments.append("--path-as-is") }
            return try perform(arguments, url)
        }

        /// POSTs `body` byte for byte (invalid UTF-8, NUL bytes) with the given Content-Type.
        func send(_ url: String, body: Data, contentType: String) throws -> Response {
            let file = jar.deletingLastPathComponent().appendingPathComponent("body-\(UUID().uuidString)")
            try body.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            return try perform(["-H", "Content-Type: \(contentType)", "--data-binary", "@\(file.path)"], url)
        }

        private func perform(_ extra: [String], _ url: String) throws -> Response {
            let headerFile = jar.deletingLastPathComponent().appendingPathComponent("headers-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: headerFile) }
            let arguments = ["-s", "--max-time", "30", "-c", jar.path, "-b", jar.path, "-D", headerFile.path,
                             "-w", "\n@@%{http_code} %{redirect_url}"] + extra + [url]
            let output = try Curl.run(arguments)
            let headers = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
            guard let marker = output.range(of: "\n@@", options: .backwards) else {
                return Response(status: 0, location: "", body: output, headers: headers)
            }
            let tail = output[marker.upperBound...].split(separator: " ", maxSplits: 1).map(String.init)
            return Response(status: Int(tail.first ?? "") ?? 0, location: tail.count > 1 ? tail[1] : "",
                            body: String(output[..<marker.lowerBound]), headers: headers)
        }
    }

    // MARK: Helpers

    /// A port nothing is listening on: bind to port 0 and read which port the kernel chose.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw DaemonError("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw DaemonError("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw DaemonError("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func addAdmin(_ project: ScratchProject) throws {
        let process = Binary.start(["user", "add", "tester", "--role", "admin", "--password-stdin",
                                    "--root", project.root.path])
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data((password + "\n").utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw DaemonError("user add failed: \(text)") }
    }

    static func csrf(_ html: String) -> String? {
        guard let start = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return html[start.upperBound...].split(separator: "\"", maxSplits: 1).first.map(String.init)
    }

    static func reference(_ html: String) -> String? {
        guard let match = html.firstMatch(of: /BS-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/) else { return nil }
        return String(match.output)
    }

    /// Sends an After Action Review through /submit/ as a browser would; returns the reference on the confirmation page.
    static func submit(_ title: String, via daemon: Daemon, as visitor: Curl) throws -> String {
        let start = try visitor.request(daemon.base + "/submit/")
        #expect(start.status == 200)
        let token = try #require(csrf(start.body), "no csrf field on /submit/")
        let chose = try visitor.request(daemon.base + "/submit/", fields: [("csrf", token), ("kind", "aar")])
        #expect(chose.status == 303)
        #expect(chose.location.hasSuffix("/submit/aar/"))
        let form = try visitor.request(daemon.base + "/submit/aar/")
        #expect(form.status == 200)
        #expect(form.body.contains("id=\"section-4\""))
        let sent = try visitor.request(daemon.base + "/submit/aar/", fields: [
            ("csrf", csrf(form.body) ?? token), ("website", ""), ("title", title),
            ("sections[]", "The team expected the hand-over to take a morning."),
            ("sections[]", "It took ten minutes because the notes were ready."),
            ("sections[]", "Everyone had agreed the checklist the week before."),
            ("sections[]", "Keep the checklist; share it with the night team."),
            ("display_name", "Sam Tester"), ("declaration", "yes"),
        ])
        #expect(sent.status == 303, "the form was refused: \(sent.body.prefix(2000))")
        #expect(sent.location.hasSuffix("/submit/check/"))
        let check = try visitor.request(daemon.base + "/submit/check/")
        #expect(check.status == 200)
        #expect(check.body.contains("Check your answers before sending"))
        #expect(check.body.contains(title))
        let send = try visitor.request(daemon.base + "/submit/check/",
                                       fields: [("csrf", csrf(check.body) ?? token), ("website", "")])
        #expect(send.status == 303)
        #expect(send.location.hasSuffix("/submit/sent/"))
        let confirmation = try visitor.request(daemon.base + "/submit/sent/")
        #expect(confirmation.status == 200)
        #expect(confirmation.body.contains("Reflection sent"))
        return try #require(reference(confirmation.body), "no reference on the confirmation page")
    }

    static func pendingLines(_ project: ScratchProject) throws -> [String] {
        let listed = try Binary.run(["moderate", "list", "--root", project.root.path])
        #expect(listed.status == 0, "\(listed.error)")
        return listed.output.split(separator: "\n").map(String.init)
    }

    // MARK: Tests

    @Test("a reflection sent through the form, approved through the moderation pages, is published")
    func submitModeratePublish() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try Self.addAdmin(project)
        let daemon = Daemon(project: project, port: try Self.freePort())
        defer { daemon.stop() }
        try daemon.start()
        #expect(!daemon.logText.contains("Created the first moderator account"))

        let title = "A hand-over that took ten minutes"
        let visitor = Curl(in: project.root, name: "visitor")
        let reference = try Self.submit(title, via: daemon, as: visitor)

        let moderator = Curl(in: project.root, name: "moderator")
        let login = try moderator.request(daemon.base + "/moderate/login/")
        #expect(login.status == 200)
        let loginToken = try #require(Self.csrf(login.body))
        let wrong = try moderator.request(daemon.base + "/moderate/login/",
                                          fields: [("csrf", loginToken), ("username", "tester"), ("password", "not the password")])
        #expect(wrong.status == 422)
        let loggedIn = try moderator.request(daemon.base + "/moderate/login/", fields: [
            ("csrf", Self.csrf(wrong.body) ?? loginToken), ("username", "tester"), ("password", Self.password)])
        #expect(loggedIn.status == 303, "login refused: \(loggedIn.body.prefix(1000))")
        #expect(loggedIn.location.hasSuffix("/moderate/"))
        let queue = try moderator.request(daemon.base + "/moderate/")
        #expect(queue.status == 200)
        #expect(queue.body.contains("href=\"/moderate/\(reference)/\""))
        #expect(queue.body.contains(title))

        let detail = try moderator.request(daemon.base + "/moderate/\(reference)/")
        #expect(detail.status == 200)
        #expect(detail.body.contains("id=\"approve\""))
        let approveToken = try #require(Self.csrf(detail.body))
        let approved = try moderator.request(daemon.base + "/moderate/\(reference)/approve/", fields: [("csrf", approveToken)])
        #expect(approved.status == 303, "approval refused: \(approved.body.prefix(2000))")
        let after = try moderator.request(daemon.base + "/moderate/\(reference)/")
        let published = String(try #require(after.body.firstMatch(of: /Published: <a href="([^"]+)"/)?.output.1,
                                             "no published link on the submission page"))
        #expect(published == "/after-action-reviews/a-hand-over-that-took-ten-minutes/")

        // The rebuilt site serves the entry, to anyone.
        let page = try Curl(in: project.root, name: "reader").request(daemon.base + published)
        #expect(page.status == 200)
        #expect(page.body.contains(title))
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let file = try #require(project.read("Content/aar/\(year)/a-hand-over-that-took-ten-minutes.md"),
                                "the entry file was not written")
        #expect(file.contains("title: A hand-over that took ten minutes") || file.contains("title: \"\(title)\""))
        #expect(file.contains("It took ten minutes because the notes were ready."))
        let status = try Curl(in: project.root, name: "api").request(daemon.base + "/api/submissions/\(reference)")
        #expect(status.body.contains("\"approved\""))
        #expect(try Self.pendingLines(project).contains { $0.contains(reference) } == false)
    }

    @Test("a submission confirmed just before kill -9 is pending, exactly once, after a restart")
    func killAfterConfirmation() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try Self.addAdmin(project)
        let port = try Self.freePort()
        let daemon = Daemon(project: project, port: port)
        defer { daemon.stop() }
        try daemon.start()
        let title = "Sent just before the power went"
        let reference = try Self.submit(title, via: daemon, as: Curl(in: project.root, name: "visitor"))
        #expect(daemon.signal(SIGKILL)?.reason == .uncaughtSignal)

        let again = Daemon(project: project, port: port)
        defer { again.stop() }
        try again.start()
        let lines = try Self.pendingLines(project)
        #expect(lines.filter { $0.contains(reference) }.count == 1, "moderate list: \(lines)")
        #expect(lines.filter { $0.contains(title) }.count == 1, "moderate list: \(lines)")
        let status = try Curl(in: project.root, name: "api").request(again.base + "/api/submissions/\(reference)")
        #expect(status.status == 200)
        #expect(status.body.contains("\"pending\""))
        // The sender's session survived too, or was refused cleanly: either way nothing is sent twice.
        #expect(try Self.pendingLines(project).filter { $0.contains(title) }.count == 1)
    }

    @Test("SIGTERM stops the daemon with exit status 0 within a few seconds")
    func sigtermStops() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try Self.addAdmin(project)
        let daemon = Daemon(project: project, port: try Self.freePort())
        defer { daemon.stop() }
        try daemon.start()
        let started = Date()
        let result = try #require(daemon.signal(SIGTERM), "the daemon did not stop within 10 seconds of SIGTERM")
        #expect(result.reason == .exit)
        #expect(result.status == 0, "log:\n\(daemon.logText)")
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(try Curl.status(daemon.base + "/") == 0)
    }

    @Test("with --watch and a page open on the reload stream, SIGTERM still stops the daemon promptly")
    func sigtermStopsWhileWatching() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try Self.addAdmin(project)
        let daemon = Daemon(project: project, port: try Self.freePort())
        defer { daemon.stop() }
        try daemon.start(["--watch"])
        // An open page: curl holding the server-sent event stream.
        let listener = Process()
        listener.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        listener.arguments = ["-sN", daemon.base + "/_brightspots/live"]
        listener.standardOutput = FileHandle.nullDevice
        try listener.run()
        defer { if listener.isRunning { listener.terminate() } }
        usleep(500_000)
        let started = Date()
        let result = try #require(daemon.signal(SIGTERM), "the daemon did not stop within 10 seconds of SIGTERM")
        #expect(result.status == 0, "log:\n\(daemon.logText)")
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
