import ArgumentParser
import BrightspotsStore
import Foundation

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the audit log: who did what, to which submission, and when (times in UTC).",
        discussion: """
            The log is append-only: nothing in Brightspots updates or deletes a row, and the database refuses it \
            from any other program. It keeps references and actions, never a reflection's text.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv
    }

    @OptionGroup var options: ProjectOptions
    @OptionGroup var daemonOptions: DaemonOptions
    @Option(help: ArgumentHelp("Only rows on or after this day (YYYY-MM-DD, UK time) or moment (ISO 8601, e.g. 2026-11-01T09:00:00Z).",
                               valueName: "date"))
    var since: String?
    @Option(help: "text (aligned columns) or csv (for a spreadsheet).") var format: Format = .text

    func validate() throws {
        if let since, Self.date(since) == nil {
            throw ValidationError("--since \"\(since)\" is not a date. Write it as 2026-11-01 or 2026-11-01T09:00:00Z.")
        }
    }

    /// A day (its start in UK time) or an ISO 8601 moment.
    static func date(_ text: String) -> Date? {
        if let moment = try? Date(text, strategy: .iso8601) { return moment }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    func run() async throws {
        let store = try daemonOptions.openStore(try daemonOptions.settings(), project: options.project)
        let records = try await store.audit(since: since.flatMap(Self.date))
        switch format {
        case .csv: FileHandle.standardOutput.write(Data(AuditExport.csv(records).utf8))
        case .text: print(records.isEmpty ? "No audit records\(since.map { " since \($0)" } ?? "")." : AuditExport.table(records),
                          terminator: records.isEmpty ? "\n" : "")
        }
    }
}
