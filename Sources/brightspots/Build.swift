import ArgumentParser
import BrightspotsCore
import BrightspotsSite
import Foundation

struct BuildOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The folder the site is written to, relative to the project.", valueName: "dir"))
    var output: String = "public"

    @Option(help: "Who the site is for: public (public entries only) or internal (adds internal entries). Drafts and private entries are never written.")
    var audience: Audience = .public

    func outputURL(_ project: ProjectFiles) -> URL {
        project.resolve(output)
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the content, then build the site.",
        discussion: """
            The site is written into a fresh folder and swapped in whole, so a failed build leaves the previous site \
            as it was. Prints one summary line; --verbose adds the time of each stage (load, index, render, write).
            """)

    @OptionGroup var options: ProjectOptions
    @OptionGroup var outputOptions: BuildOutputOptions

    @Flag(name: .shortAndLong, help: "Print the time each build stage took.")
    var verbose = false

    func run() throws {
        try runBuild(options: options, outputOptions: outputOptions, verbose: verbose)
    }
}

/// Builds and prints the summary; shared by `build` and `serve`.
func runBuild(options: ProjectOptions, outputOptions: BuildOutputOptions, verbose: Bool) throws {
    let project = options.project
    let output = outputOptions.outputURL(project)
    let buildOptions = BuildOptions(project: project, theme: options.theme, audience: outputOptions.audience)
    do {
        let summary = try SiteBuilder.build(buildOptions, output: output)
        let leftOut = summary.leftOut.map { "\($0.count) \($0.reason)" }.joined(separator: ", ")
        let note = leftOut.isEmpty ? "" : " (left out: \(leftOut))"
        print("Built \(summary.entries) \(outputOptions.audience.rawValue) entries\(note) into \(outputOptions.output)/: \(summary.pages) pages, \(summary.files) files in \(seconds(summary.total)).")
        if verbose {
            for (stage, duration) in summary.timings {
                print("  \(stage.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(seconds(duration))")
            }
        }
    } catch let report as ProblemReport {
        throw fail(with: report)
    } catch {
        printError("\(error)")
        throw ExitCode(1)
    }
}

func seconds(_ duration: Duration) -> String {
    let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    return String(format: "%.3f s", value)
}
