import ArgumentParser
import BrightspotsCore
import BrightspotsSite
import Foundation

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new entry with its kind's front matter and sections.",
        discussion: """
            Writes Content/<kind>/<yyyy>/<slug>.md, the slug made from the title. The file comes from an archetype: \
            Content/archetypes/<kind>.md if present, else the theme's archetypes/<kind>.md or archetypes/default.md.
            Example: brightspots new bright-spot "A library that became a front door"
            """)

    @OptionGroup var options: ProjectOptions

    @Argument(help: "The kind of entry, as named in Content/site.yaml (e.g. aar, bright-spot, peer-support).")
    var kind: String

    @Argument(help: "The entry's title, in quotes.")
    var title: String

    @Option(help: ArgumentHelp("The entry's date (YYYY-MM-DD). Default: today.", valueName: "date"))
    var date: String?

    @Option(help: "The author's display name. Default: anonymous.")
    var author: String?

    func validate() throws {
        if let date, Day(date) == nil { throw ValidationError("--date \(date) is not a date like 2026-09-14.") }
        if title.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("The title is empty.") }
    }

    func run() throws {
        let day = date.flatMap(Day.init) ?? today()
        do {
            let path = try NewEntry.create(kind: kind, title: title, date: day, author: author,
                                           options: BuildOptions(project: options.project, theme: options.theme))
            print("Created \(path)")
        } catch let report as ProblemReport {
            throw fail(with: report)
        }
    }

    func today() -> Day {
        let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
