import Foundation

/// The audit log as text for people: a table for the terminal, or CSV (RFC 4180) for a spreadsheet.
public enum AuditExport {
    public static let columns = ["time", "actor", "action", "reference", "detail"]

    /// Times in UTC, ISO 8601 to the second, so rows sort as text and mean the same everywhere.
    public static func time(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    static func fields(_ record: AuditRecord) -> [String] {
        [time(record.at), record.actor, record.action.rawValue, record.reference ?? "", record.detail]
    }

    /// CSV with a header row and CRLF line ends. A field is quoted when it holds a comma, quote or line break,
    /// and one that a spreadsheet would run as a formula (starting =, +, -, @, tab or CR) is prefixed with ', so
    /// a name typed at the login form cannot become a formula in the reader's spreadsheet.
    public static func csv(_ records: [AuditRecord]) -> String {
        var lines = [columns.joined(separator: ",")]
        for record in records {
            lines.append(fields(record).map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func csvField(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Aligned columns for the terminal; line breaks and other control characters in a field are shown as
    /// spaces, so one record is one line and a field cannot move the terminal's cursor.
    public static func table(_ records: [AuditRecord]) -> String {
        let rows = [columns.map { $0.uppercased() }] + records.map { fields($0).map(printable) }
        var widths = Array(repeating: 0, count: columns.count)
        for row in rows {
            for (index, field) in row.enumerated().dropLast() { widths[index] = max(widths[index], field.count) }
        }
        return rows.map { row in
            row.enumerated().map { index, field in
                index == row.count - 1 ? field : field.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n") + "\n"
    }

    static func printable(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
        }))
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
