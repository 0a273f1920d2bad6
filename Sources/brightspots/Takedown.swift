import ArgumentParser
import BrightspotsCore
import BrightspotsServer
import BrightspotsSite
import BrightspotsStore
import Foundation

struct Takedown: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take an entry off the site: remove its file, rebuild, and check no page, feed or index still mentions it.",
        discussion: """
            The entry's file is kept in the store's trash for the retention period (retention_days, 90 by default), \
            then purged; with --purge it is deleted at once, with the original text of the submission it came \
            from. The site is rebuilt from nothing, so its spare folder and the build cache lose the entry too, then \
            every file of the site, beside it and in the cache is read: if any still mentions the entry's slug or \
            title they are listed and the command exits 1. The takedown is recorded in the audit log with the reason. \
            Entries that link to it must have those links removed first. With the daemon running, an admin can do \
            the same from the moderation pages (/moderate/takedown/).
            """)

    @OptionGroup var options: ProjectOptions
    @OptionGroup var outputOptions: BuildOutputOptions
    @OptionGroup var daemonOptions: DaemonOptions
    @Argument(help: "The entry's slug, its page's address, or its file, e.g. late-discharge or /after-action-reviews/late-discharge/.")
    var entry: String
    @Option(help: "Why it is taken down. Kept in the audit log: name no person who uses services.") var reason: String
    @Flag(help: "Delete the entry's text at once instead of keeping it in the trash for the retention period.")
    var purge = false

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("Give a --reason.") }
    }

    func run() async throws {
        let settings = try daemonOptions.settings()
        let store = try daemonOptions.openStore(settings, project: options.project)
        let project = options.project
        let output = outputOptions.outputURL(project)
        let report: TakedownReport
        do {
            let cache = try BuildCache.open(BuildCache.defaultFile(for: project))
            let publisher = try Publisher(options: BuildOptions(project: project, theme: options.theme,
                                                                audience: outputOptions.audience),
                                          output: output, cache: cache)
            report = try await publisher.takeDown(entry, reason: reason, by: "terminal:\(Passwords.operatorName)",
                                                  purge: purge, retention: settings.retention, store: store)
        } catch let problems as ProblemReport {
            throw fail(with: problems)
        } catch {
            printError("\(entry) was not taken down: \(error)")
            throw ExitCode(1)
        }
        print("Took down \(report.file) (“\(report.title)”)\(report.reference.map { ", published from \($0)" } ?? "").")
        if let id = report.trashID, let until = report.keptUntil {
            print("Its text is in the store's trash (item \(id)) until \(until.formatted(date: .long, time: .omitted)), then purged.")
        } else {
            print("Its text was deleted at once (--purge).")
        }
        print("Rebuilt \(outputOptions.output)/ from nothing: \(report.build.files) files.")
        guard report.mentions.isEmpty else {
            printError("\(report.mentions.count) file\(report.mentions.count == 1 ? "" : "s") still mention \(report.slug) or its title:")
            for mention in report.mentions {
                FileHandle.standardError.write(Data("  \(mention.file): \(mention.found.joined(separator: ", "))\n".utf8))
            }
            FileHandle.standardError.write(Data("""
                If these are other entries quoting it, edit them and run brightspots build. The file itself is gone \
                and the takedown is in the audit log.

                """.utf8))
            throw ExitCode(1)
        }
        print("Checked \(report.checked) files (the site, the folders beside it and the build cache): none mentions \(report.slug) or its title.")
        print("Rebuild any other output folder you publish (for example --audience internal) the same way.")
    }
}
