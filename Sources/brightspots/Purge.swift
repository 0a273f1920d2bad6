import ArgumentParser
import BrightspotsServer
import BrightspotsStore
import Foundation

struct Purge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete raw submissions and taken-down entries older than the retention period.",
        discussion: """
            Deletes pending submissions sent, and rejected ones decided, more than retention_days ago (90 by \
            default; set it in the --config file or BRIGHTSPOTS_RETENTION_DAYS), removes the original text of \
            approved ones decided that long ago (their reference, status and page address stay), and empties the \
            trash of entries taken down that long ago. The audit log keeps each one's reference, the action and \
            the time, not the text. The daemon runs this once a day by itself.
            """)

    @OptionGroup var options: ProjectOptions
    @OptionGroup var daemonOptions: DaemonOptions
    @Option(help: "Use this many days instead of the retention_days setting (0 purges everything raw now).")
    var retentionDays: Int?

    func validate() throws {
        if let retentionDays, retentionDays < 0 { throw ValidationError("--retention-days must be 0 or more.") }
    }

    func run() async throws {
        let settings = try daemonOptions.settings()
        let store = try daemonOptions.openStore(settings, project: options.project)
        let policy = RetentionPolicy(days: retentionDays ?? settings.retentionDays)
        let now = Date()
        let summary = try await store.purge(before: policy.cutoff(at: now), at: now,
                                            actor: "terminal:\(Passwords.operatorName)")
        print(Retention.describe(summary, policy: policy, now: now))
    }
}
