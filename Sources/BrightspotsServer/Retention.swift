import BrightspotsStore
import Foundation
import Logging
import ServiceLifecycle

public enum Retention {
    /// One sentence on what a purge removed, for the terminal and the daemon's log.
    public static func describe(_ summary: PurgeSummary, policy: RetentionPolicy, now: Date) -> String {
        let cutoff = policy.cutoff(at: now).formatted(date: .long, time: .shortened)
        guard !summary.isEmpty else {
            return "Nothing is older than \(policy.days) days (before \(cutoff)): nothing to purge."
        }
        func count(_ number: Int, _ one: String, _ many: String) -> String? {
            number == 0 ? nil : "\(number) \(number == 1 ? one : many)"
        }
        let parts = [
            count(summary.pending.count, "pending submission", "pending submissions"),
            count(summary.rejected.count, "rejected submission", "rejected submissions"),
            count(summary.redacted.count, "approved submission's original text", "approved submissions' original text"),
            count(summary.trash.count, "taken-down entry from the trash", "taken-down entries from the trash"),
        ].compactMap { $0 }
        let list = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
        return "Purged \(list): everything older than \(policy.days) days (before \(cutoff)). "
            + "The audit log records each by reference, not its text."
    }
}

/// Runs the retention purge when the daemon starts and then once a day, until the daemon stops.
public struct RetentionService: Service {
    let store: any SubmissionStore
    let policy: RetentionPolicy
    let logger: Logger
    let interval: Duration

    public init(store: any SubmissionStore, policy: RetentionPolicy, logger: Logger, interval: Duration = .seconds(86_400)) {
        self.store = store
        self.policy = policy
        self.logger = logger
        self.interval = interval
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let now = Date()
            do {
                let summary = try await store.purge(before: policy.cutoff(at: now), at: now, actor: "daemon")
                if !summary.isEmpty { logger.info("\(Retention.describe(summary, policy: policy, now: now))") }
            } catch {
                logger.error("The retention purge failed: \(error). It runs again in a day; run brightspots purge to retry now.")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
