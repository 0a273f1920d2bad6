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
            Builds are incremental: a cache in .brightspots/cache.sqlite remembers what each page was made from, so \
            only pages whose content, template or configuration changed are rendered and only changed files are \
            written. The result is the same as a clean build. The new site is prepared in <output>.previous (the \
            site the last build replaced) and swapped in whole, so a failed build leaves the previous site as it \
            was. Prints one summary line; --verbose adds the time of each stage (load, index, render, write).
            """)

    @OptionGroup var options: ProjectOptions
    @OptionGroup var outputOptions: BuildOutputOptions

    @Flag(name: .shortAndLong, help: "Print the time each build stage took.")
    var verbose = false

    @Flag(help: "Ignore the build cache: read, render and write everything (the cache is then refilled).")
    var clean = false

    func run() throws {
        let summary = try runBuild(options: options, outputOptions: outputOptions, verbose: verbose, clean: clean)
        // The site is written and the cache closed: what the build made is left for the process's exit to reclaim
        // rather than freed piece by piece (`BuildSummary.workingSet`).
        withExtendedLifetime(summary) { Foundation.exit(0) }
    }
}

/// Builds and prints the summary; shared by `build` and `serve`.
@discardableResult
func runBuild(options: ProjectOptions, outputOptions: BuildOutputOptions, verbose: Bool, clean: Bool = false,
              cache: BuildCache? = nil) throws -> BuildSummary {
    let project = options.project
    let output = outputOptions.outputURL(project)
    let buildOptions = BuildOptions(project: project, theme: options.theme, audience: outputOptions.audience)
    do {
        let opened = cache == nil
        let cache = try cache ?? BuildCache.open(BuildCache.defaultFile(for: project))
        let summary = try SiteBuilder.build(buildOptions, output: output, cache: cache, clean: clean)
        // The summary refers to the cache: one this function opened is closed here, not when the summary goes.
        if opened { try cache.close() }
        let leftOut = summary.leftOut.map { "\($0.count) \($0.reason)" }.joined(separator: ", ")
        let note = leftOut.isEmpty ? "" : " (left out: \(leftOut))"
        print("Built \(summary.entries) \(outputOptions.audience.rawValue) entries\(note) into \(outputOptions.output)/: \(summary.pages) pages, \(summary.files) files in \(seconds(summary.total)).")
        if verbose {
            print("  \(summary.rendered) pages rendered (\(summary.compared) views compared), \(summary.bodiesRendered) bodies through discount, \(summary.written) files written, \(summary.removed) removed")
            for (stage, duration) in summary.timings {
                print("  \(stage.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(seconds(duration))")
            }
        }
        return summary
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
