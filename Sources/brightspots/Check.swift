import ArgumentParser
import BrightspotsCore
import BrightspotsSite

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every entry, configuration file and template; list every problem with file:line.",
        discussion: "Exits with status 1 if any problem is found, 0 if none.")

    @OptionGroup var options: ProjectOptions

    func run() throws {
        let buildOptions = BuildOptions(project: options.project, theme: options.theme)
        let (report, count) = SiteBuilder.checkWithCount(buildOptions)
        guard report.isEmpty else { throw fail(with: report) }
        print("No problems found in \(count) entr\(count == 1 ? "y" : "ies").")
    }
}
