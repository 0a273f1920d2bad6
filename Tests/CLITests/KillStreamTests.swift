import BrightspotsStore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Stronger than "a submission confirmed just before kill -9" (DaemonLiveTests): several clients stream submissions
/// through the JSON API, the daemon is killed at a random moment mid-stream, restarted, and every submission whose
/// 201 reached its client must be in the store exactly once.
@Suite("kill -9 under a stream of submissions", .serialized)
struct KillStreamTests {
    /// SplitMix64: the kill moments are random but replayable from the seed.
    struct SeededRandom: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seed: UInt64 = 20_261_124

    @Test("kill -9 mid-stream, four rounds: every confirmed submission is kept exactly once, and the daemon serves again")
    func killMidStream() async throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try DaemonLiveTests.addAdmin(project)
        let settings = try LiveClients.writeSettings(project)
        let port = try DaemonLiveTests.freePort()
        var random = SeededRandom(state: Self.seed)
        var figures: [String] = []
        for round in 0..<4 {
            let daemon = DaemonLiveTests.Daemon(project: project, port: port)
            defer { daemon.stop() }
            try daemon.start(["--config", settings.path])
            let process = try #require(daemon.process)
            let stream = LiveClients.Stream(daemon: daemon, label: "round \(round)")
            // The moment is counted in confirmations, so it falls mid-stream however fast the machine is, with
            // other requests in flight. The client that gets the chosen confirmation kills the daemon at once:
            // a daemon that answered before committing would lose that submission.
            let after = Int.random(in: 10...80, using: &random)
            stream.kill(process.processIdentifier, atConfirmation: after)
            stream.start(clients: 4)
            stream.waitForConfirmed(after)
            process.waitUntilExit()
            stream.stop()
            daemon.process = nil
            #expect(stream.hasKilled)
            #expect(process.terminationReason == .uncaughtSignal, "seed \(Self.seed), round \(round)")
            let confirmed = stream.confirmed
            let attempted = stream.attempted
            #expect(confirmed.count >= after, "the stream stalled: \(confirmed.count) confirmed. Log:\n\(daemon.logText)")

            let again = DaemonLiveTests.Daemon(project: project, port: port)
            defer { again.stop() }
            try again.start(["--config", settings.path])
            let stored = try await Self.submissions(project)
            let thisRound = stored.filter { attempted.contains($0.submission.title) }
            let byTitle = Dictionary(grouping: thisRound, by: \.submission.title)
            #expect(byTitle.values.allSatisfy { $0.count == 1 },
                    "round \(round): stored twice: \(byTitle.filter { $0.value.count > 1 }.keys.sorted())")
            #expect(Set(stored.map(\.reference)).count == stored.count, "a reference is stored twice")
            var lost: [String] = []
            for (title, reference) in confirmed {
                let rows = stored.filter { $0.reference == reference }
                if rows.count != 1 || rows.first?.submission.title != title || rows.first?.status != .pending {
                    lost.append("\(reference) (\(title)): \(rows.count) rows")
                }
            }
            #expect(lost.isEmpty, "seed \(Self.seed), round \(round): confirmed but not kept once: \(lost.sorted())")
            // A submission committed whose answer the kill cut off is kept too, so the count lies between the two.
            #expect(thisRound.count >= confirmed.count && thisRound.count <= attempted.count)
            figures.append("round \(round): killed after \(confirmed.count) confirmed (\(attempted.count) sent); "
                           + "stored \(thisRound.count)")

            // It serves again: pages, and a new submission.
            #expect(try DaemonLiveTests.Curl.status(again.base + "/") == 200)
            let next = LiveClients.submit("Sent after restart \(round)", to: again)
            #expect(next != nil, "the restarted daemon refused a submission. Log:\n\(again.logText)")
            #expect(again.signal(SIGTERM)?.status == 0)
        }
        print("kill -9 under a stream (seed \(Self.seed)):\n  " + figures.joined(separator: "\n  "))
    }

    static func submissions(_ project: ScratchProject) async throws -> [StoredSubmission] {
        let store = try SQLiteStore(path: project.root.appendingPathComponent("brightspots.sqlite").path)
        defer { try? store.close() }
        return try await store.submissions(status: nil)
    }
}
