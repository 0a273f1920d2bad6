import ArgumentParser
import BrightspotsCore
import BrightspotsSite

extension Grouping: ExpressibleByArgument {}

struct TallyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Print the return-on-investment tallies: cost, adjusted fiscal benefit, net benefit and ratio.",
        discussion: """
            The figures are those the site's /roi/ pages show for the same audience. --format csv prints the site's \
            /roi/tallies.csv (with --by, only that grouping's rows and the total); --format json prints \
            /roi/tallies.json.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @OptionGroup var options: ProjectOptions

    @Option(help: "Group the entries by kind, tag, principle, team or month. Without it, only the totals.")
    var by: Grouping?

    @Option(help: "table, csv or json.")
    var format: Format = .table

    @Option(help: "public (public entries only) or internal (adds internal entries).")
    var audience: Audience = .public

    func run() throws {
        let report: ROIReport
        do {
            report = try SiteBuilder.roiReport(BuildOptions(project: options.project, theme: options.theme,
                                                            audience: audience))
        } catch let problems as ProblemReport {
            throw fail(with: problems)
        }
        switch format {
        case .table: print(ROIFormats.table(report, by: by), terminator: "")
        case .json: print(ROIFormats.json(report), terminator: "")
        case .csv:
            let csv = ROIFormats.csv(report)
            guard let by else { print(csv, terminator: ""); return }
            let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            let kept = [lines[0]] + lines.dropFirst().filter {
                $0.hasPrefix("total,") || $0.hasPrefix("group,\(by.rawValue),")
            }
            print(kept.joined(separator: "\r\n") + "\r\n", terminator: "")
        }
    }
}
