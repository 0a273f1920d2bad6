import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Clients of a live daemon for the backup, disk-full and kill tests: the JSON API as another system would use it,
/// and a moderator's browser.
enum LiveClients {
    typealias Daemon = DaemonLiveTests.Daemon
    typealias Curl = DaemonLiveTests.Curl

    /// A settings file that lifts the per-address rate limit (every test client is 127.0.0.1).
    static func writeSettings(_ project: ScratchProject, name: String = "daemon.yaml") throws -> URL {
        try project.write(name, "submissions_per_window: 1000000\nrate_window_seconds: 60\n")
        return project.root.appendingPathComponent(name)
    }

    /// POSTs a Bright Spot to /api/submissions; the reference if the daemon answered 201 with one, else nil
    /// (refused, or the connection was lost).
    static func submit(_ title: String, to daemon: Daemon) -> String? {
        let body = """
            {"kind":"bright-spot","title":"\(title)","sections":["A busy drop-in on a wet Tuesday.",\
            "We offered tea before any forms.","There was time to talk first.","Yes, anywhere with a kettle."],\
            "tags":["drop-in"],"anonymous":true,"declaration":true}
            """
        guard let output = try? Curl.run(["-s", "--max-time", "20", "-X", "POST", daemon.base + "/api/submissions",
                                          "-H", "Content-Type: application/json", "--data-binary", body,
                                          "-w", "\n@@%{http_code}"]) else { return nil }
        guard output.hasSuffix("\n@@201") else { return nil }
        return DaemonLiveTests.reference(output)
    }

    /// Several clients sending submissions in a loop until stopped; every reference whose 201 arrived is kept.
    final class Stream: @unchecked Sendable {
        let daemon: Daemon
        let label: String
        private let stopped = Atomic<Bool>(false)
        /// When set, the client that receives this many-th confirmation sends SIGKILL to `victim` at once.
        private let killAt = Atomic<Int>(0)
        private let victim = Atomic<Int32>(0)
        private let killed = Atomic<Bool>(false)
        private let state = Mutex<(confirmed: [String: String], attempted: Set<String>)>(([:], []))
        private let group = DispatchGroup()

        init(daemon: Daemon, label: String) {
            self.daemon = daemon
            self.label = label
        }

        /// Title → reference of every confirmed submission.
        var confirmed: [String: String] { state.withLock { $0.confirmed } }
        /// Every title sent, confirmed or not.
        var attempted: Set<String> { state.withLock { $0.attempted } }

        func start(clients: Int) {
            for client in 0..<clients {
                group.enter()
                Thread.detachNewThread { [self] in
                    defer { group.leave() }
                    var number = 0
                    while !stopped.load(ordering: .relaxed) {
                        number += 1
                        let title = "Streamed \(label) client \(client) number \(number)"
                        state.withLock { _ = $0.attempted.insert(title) }
                        if let reference = LiveClients.submit(title, to: daemon) {
                            let count = state.withLock { $0.confirmed[title] = reference; return $0.confirmed.count }
                            // The moment right after a confirmation is the one a late commit would lose.
                            if count == killAt.load(ordering: .relaxed), !killed.exchange(true, ordering: .relaxed) {
                                Glibc.kill(victim.load(ordering: .relaxed), SIGKILL)
                            }
                        }
                    }
                }
            }
        }

        /// Makes the client that receives the `count`-th confirmation kill -9 the process `pid` straight away.
        func kill(_ pid: Int32, atConfirmation count: Int) {
            victim.store(pid, ordering: .relaxed)
            killAt.store(count, ordering: .relaxed)
        }

        var hasKilled: Bool { killed.load(ordering: .relaxed) }

        /// Blocks until the confirmed count reaches `count` (or the clients stop getting answers).
        func waitForConfirmed(_ count: Int, giveUpAfter seconds: Double = 120) {
            let deadline = Date().addingTimeInterval(seconds)
            while confirmed.count < count && Date() < deadline { usleep(20_000) }
        }

        func stop() {
            stopped.store(true, ordering: .relaxed)
            group.wait()
        }
    }

    /// A moderator logged in through /moderate/login/ with a cookie jar.
    struct Moderator {
        let daemon: Daemon
        let browser: Curl

        /// The cookie jar goes in `folder` (the project by default).
        init(daemon: Daemon, name: String = "moderator", folder: URL? = nil) throws {
            self.daemon = daemon
            browser = Curl(in: folder ?? daemon.project.root, name: name)
            let login = try browser.request(daemon.base + "/moderate/login/")
            let token = try #require(DaemonLiveTests.csrf(login.body), "no csrf field on the login page")
            let loggedIn = try browser.request(daemon.base + "/moderate/login/", fields: [
                ("csrf", token), ("username", "tester"), ("password", DaemonLiveTests.password)])
            try #require(loggedIn.status == 303, "login refused: \(loggedIn.body.prefix(1000))")
        }

        /// Presses "Approve" on the submission's page: the answer to the POST (303 when published).
        func approve(_ reference: String) throws -> Curl.Response {
            let detail = try browser.request(daemon.base + "/moderate/\(reference)/")
            let token = try #require(DaemonLiveTests.csrf(detail.body), "no csrf field on /moderate/\(reference)/")
            return try browser.request(daemon.base + "/moderate/\(reference)/approve/", fields: [("csrf", token)])
        }
    }

    /// Every file under a folder, relative path → bytes.
    static func tree(_ folder: URL) throws -> [String: Data] {
        let base = folder.standardizedFileURL.path + "/"
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: url)
        }
        return files
    }
}

/// Runs `work` on a thread of its own, beside a test that goes on blocking its own thread on subprocesses.
final class Background: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let work: () -> Void

    init(_ work: @escaping () -> Void) {
        self.work = work
        Thread.detachNewThread { [self] in
            self.work()
            done.signal()
        }
    }

    func wait() { done.wait() }
}
