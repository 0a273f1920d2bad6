import ArgumentParser
import BrightspotsCore
import BrightspotsServer
import BrightspotsSite
import BrightspotsStore
import Foundation

struct Moderate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, approve or reject submissions from the terminal, as the moderation pages do.",
        discussion: "Run it on the machine holding the store. Approving writes the entry into Content/ and rebuilds the site.",
        subcommands: [List.self, Approve.self, Reject.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List submissions (pending ones unless --status is given).")
        @OptionGroup var options: ProjectOptions
        @OptionGroup var daemonOptions: DaemonOptions
        @Option(help: "pending, approved or rejected.") var status: SubmissionStatus = .pending

        func run() async throws {
            let store = try daemonOptions.openStore(try daemonOptions.settings(), project: options.project)
            let submissions = try await store.submissions(status: status)
            if submissions.isEmpty { print("No \(status.rawValue) submissions.") }
            for stored in submissions {
                let findings = stored.submission.privacyFindingCount(allowances: stored.allowances)
                let note = findings == 0 ? "" : "  [\(findings) privacy finding\(findings == 1 ? "" : "s") to review]"
                print("\(stored.reference)  \(stored.submittedAt.formatted(.iso8601))  \(stored.submission.kind)  \(stored.submission.title)\(note)")
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a pending submission: publish it and rebuild the site.")
        @OptionGroup var options: ProjectOptions
        @OptionGroup var outputOptions: BuildOutputOptions
        @OptionGroup var daemonOptions: DaemonOptions
        @Argument(help: "The submission's reference, e.g. BS-7KQ2-M9XD-4TPA.") var reference: String

        func run() async throws {
            let store = try daemonOptions.openStore(try daemonOptions.settings(), project: options.project)
            let buildOptions = BuildOptions(project: options.project, theme: options.theme, audience: outputOptions.audience)
            do {
                let publisher = try Publisher(options: buildOptions, output: outputOptions.outputURL(options.project))
                let published = try await publisher.approve(reference: reference.uppercased(),
                                                            by: "terminal:\(Passwords.operatorName)", store: store)
                print("Published \(published.file); the page is \(published.path)")
            } catch let report as ProblemReport {
                throw fail(with: report)
            } catch {
                printError("\(reference) was not published: \(error)")
                throw ExitCode(1)
            }
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a pending submission with a reason.")
        @OptionGroup var options: ProjectOptions
        @OptionGroup var daemonOptions: DaemonOptions
        @Argument(help: "The submission's reference.") var reference: String
        @Option(help: "Why it is rejected (kept for moderators; not shown to the submitter).") var reason: String

        func validate() throws {
            if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("Give a --reason.") }
        }

        func run() async throws {
            let store = try daemonOptions.openStore(try daemonOptions.settings(), project: options.project)
            guard var stored = try await store.submission(reference: reference.uppercased()) else {
                printError("no submission has the reference \(reference). See brightspots moderate list.")
                throw ExitCode(1)
            }
            let actor = "terminal:\(Passwords.operatorName)"
            stored.status = .rejected
            stored.reason = reason
            stored.decidedAt = Date()
            stored.decidedBy = actor
            do {
                try await store.update(stored, expected: .pending, audit: [
                    AuditRecord(at: stored.decidedAt!, actor: actor, action: .rejected, reference: stored.reference)])
            } catch {
                printError("\(error)")
                throw ExitCode(1)
            }
            print("Rejected \(stored.reference).")
        }
    }
}

extension SubmissionStatus: ExpressibleByArgument {}
