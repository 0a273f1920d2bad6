import ArgumentParser
import BrightspotsCore
import BrightspotsSite
import Foundation

struct Forum: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a Bright Spots forum's agenda: times, titles, presenters.",
        discussion: "--format markdown gives a version to paste into an email.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown
    }

    @OptionGroup var options: ProjectOptions

    @Argument(help: ArgumentHelp("The forum's month, e.g. 2026-11.", valueName: "yyyy-mm"))
    var month: String

    @Option(help: "text or markdown.")
    var format: Format = .text

    @Option(help: "public (public entries only) or internal (adds internal entries).")
    var audience: Audience = .public

    func validate() throws {
        if Month(month) == nil { throw ValidationError("\(month) is not a month like 2026-11.") }
    }

    func run() throws {
        let buildOptions = BuildOptions(project: options.project, theme: options.theme, audience: audience)
        let found: (ForumEdition, Agenda, pageURL: String)?
        do { found = try SiteBuilder.forumAgenda(Month(month)!, options: buildOptions) }
        catch let report as ProblemReport { throw fail(with: report) }
        guard let (edition, agenda, pageURL) = found else {
            printError("there is no forum edition for \(month). Add Content/forum/\(month).md.")
            throw ExitCode(1)
        }
        print(ForumAgendaText.render(edition: edition, agenda: agenda, markdown: format == .markdown, pageURL: pageURL),
              terminator: "")
    }
}
