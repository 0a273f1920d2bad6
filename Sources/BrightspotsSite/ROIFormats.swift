import BrightspotsCore
import Foundation

/// The ROI report as CSV, JSON and a terminal table. Every amount is the exact figure rounded to the penny.
public enum ROIFormats {
    // MARK: CSV

    static let csvColumns = [
        "record", "grouping", "group", "entry", "title", "kind", "date", "team", "outcome_code", "source_code",
        "outcome", "count", "unit_cost", "value_type", "price_year", "source", "deadweight_pct", "attribution_pct",
        "entries", "cost", "gross_fiscal", "gross_economic", "gross_social", "adjusted_fiscal", "adjusted_economic",
        "adjusted_social", "net_fiscal", "ratio",
    ]

    /// One row per entry and outcome, one per entry, then the overall total and every grouping's rows.
    ///
    /// Each row is an array in the columns' order, filled by position and written as it is made: a dictionary of
    /// the row's fields by column name, merged and looked up again for every row, was most of what this cost.
    public static func csv(_ report: ROIReport) -> String {
        let column = Dictionary(uniqueKeysWithValues: csvColumns.enumerated().map { ($1, $0) })
        func at(_ name: String) -> Int { column[name]! }
        let (record, grouping, group, entryColumn, title, kind, date, team) =
            (at("record"), at("grouping"), at("group"), at("entry"), at("title"), at("kind"), at("date"), at("team"))
        let (outcomeCode, sourceCode, outcome, count, unitCost, valueType, priceYear, source) =
            (at("outcome_code"), at("source_code"), at("outcome"), at("count"), at("unit_cost"), at("value_type"),
             at("price_year"), at("source"))
        let (deadweight, attribution, entries, cost, netFiscal, ratio) =
            (at("deadweight_pct"), at("attribution_pct"), at("entries"), at("cost"), at("net_fiscal"), at("ratio"))
        let gross = Dictionary(uniqueKeysWithValues: ValueType.allCases.map { ($0, at("gross_\($0.rawValue)")) })
        let adjusted = Dictionary(uniqueKeysWithValues: ValueType.allCases.map { ($0, at("adjusted_\($0.rawValue)")) })
        let blank = [String](repeating: "", count: csvColumns.count)

        var text = ""
        func write(_ row: [String]) {
            for (index, field) in row.enumerated() {
                if index > 0 { text += "," }
                text += csvField(field)
            }
            text += "\r\n"
        }
        func totalsRow(_ totals: Totals, _ row: inout [String]) {
            row[entries] = String(totals.entries)
            row[cost] = totals.cost.plain
            row[netFiscal] = totals.netFiscal.plain
            row[ratio] = totals.ratio.map { ExactNumber.fixed($0, scale: 2) } ?? ""
            for type in ValueType.allCases {
                row[gross[type]!] = totals.gross[type].plain
                row[adjusted[type]!] = totals.adjusted[type].plain
            }
        }

        write(csvColumns)
        for (entry, ledger) in report.ledgers {
            var entryRow = blank
            entryRow[entryColumn] = entry.slug
            entryRow[title] = entry.title
            entryRow[kind] = entry.kind
            entryRow[date] = entry.date.description
            entryRow[team] = entry.team ?? ""
            entryRow[deadweight] = ExactNumber.plain(ledger.deadweight)
            entryRow[attribution] = ExactNumber.plain(ledger.attribution)
            for line in ledger.lines {
                var row = entryRow
                row[record] = "outcome"
                row[outcomeCode] = line.unitCost.code
                row[sourceCode] = line.unitCost.sourceCode ?? ""
                row[outcome] = line.unitCost.label
                row[count] = ExactNumber.plain(line.outcome.count)
                row[unitCost] = line.unitCost.value.plain
                row[valueType] = line.unitCost.valueType.rawValue
                row[priceYear] = line.unitCost.priceYear
                row[source] = line.unitCost.source
                row[gross[line.unitCost.valueType]!] = line.gross.plain
                row[adjusted[line.unitCost.valueType]!] = line.adjusted.plain
                write(row)
            }
            totalsRow(ledger.totals, &entryRow)
            entryRow[record] = "entry"
            write(entryRow)
        }
        var overall = blank
        totalsRow(report.overall, &overall)
        overall[record] = "total"
        overall[grouping] = "overall"
        write(overall)
        for rows in report.groups {
            for groupRow in rows.rows {
                var row = blank
                totalsRow(groupRow.totals, &row)
                row[record] = "group"
                row[grouping] = rows.grouping.rawValue
                row[group] = groupRow.label
                write(row)
            }
        }
        return text
    }

    /// Quotes a field when needed. Text that a spreadsheet would run as a formula gets a leading apostrophe;
    /// a negative figure ("-12.50") is left as it is. (`Decimal(string:)` decided this before, and it reads a
    /// number at the start of any text, so "-2+3+cmd|..." passed as a figure.)
    static func csvField(_ value: String) -> String {
        var field = value
        if let first = field.utf8.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: "-") || first == UInt8(ascii: "@"), !isPlainNumber(field) {
            field = "'" + field
        }
        // Looked for by bytes: as `Character`s, a "\r\n" is neither "\r" nor "\n", and a field holding one went
        // unquoted.
        guard field.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Digits with at most one point and an optional leading minus: "-12.50", "3", "0.5".
    static func isPlainNumber(_ text: String) -> Bool {
        var digits = 0
        var points = 0
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): points += 1
            case UInt8(ascii: "-") where offset == 0: continue
            default: return false
            }
        }
        return digits > 0 && points <= 1
    }

    // MARK: JSON

    /// An amount's fields in the JSON download: entries, cost, gross and adjusted by value type, net fiscal benefit
    /// and (when something was spent) the ratio.
    static func jsonTotals(_ totals: Totals) -> JSONValue {
        var fields: [String: JSONValue] = [
            "entries": .number(totals.entries), "cost": .string(totals.cost.plain),
            "gross": .object(Dictionary(uniqueKeysWithValues: ValueType.allCases.map { ($0.rawValue, .string(totals.gross[$0].plain)) })),
            "adjusted": .object(Dictionary(uniqueKeysWithValues: ValueType.allCases.map { ($0.rawValue, .string(totals.adjusted[$0].plain)) })),
            "net_fiscal": .string(totals.netFiscal.plain),
        ]
        if let ratio = totals.ratio { fields["ratio"] = .string(ExactNumber.fixed(ratio, scale: 2)) }
        return .object(fields)
    }

    /// The report as JSON: the defaults, every entry's ledger, the overall totals and each grouping's rows, keys
    /// sorted, absent values left out (`JSONValue`).
    public static func json(_ report: ROIReport) -> String {
        let entries = ParallelMap.map(report.ledgers) { entry, ledger -> JSONValue in
            var fields: [String: JSONValue] = [
                "slug": .string(entry.slug), "title": .string(entry.title), "kind": .string(entry.kind),
                "date": .string(entry.date.description),
                "deadweight_percent": .string(ExactNumber.plain(ledger.deadweight)),
                "attribution_percent": .string(ExactNumber.plain(ledger.attribution)),
                "outcomes": .list(ledger.lines.map { line in
                    var outcome: [String: JSONValue] = [
                        "code": .string(line.unitCost.code), "label": .string(line.unitCost.label),
                        "count": .string(ExactNumber.plain(line.outcome.count)),
                        "unit_cost": .string(line.unitCost.value.plain),
                        "value_type": .string(line.unitCost.valueType.rawValue),
                        "price_year": .string(line.unitCost.priceYear), "source": .string(line.unitCost.source),
                        "rating": .string(line.unitCost.rating.rawValue), "gross": .string(line.gross.plain),
                        "adjusted": .string(line.adjusted.plain),
                    ]
                    if let sourceCode = line.unitCost.sourceCode { outcome["source_code"] = .string(sourceCode) }
                    if let period = line.outcome.period { outcome["period"] = .string(period) }
                    return .object(outcome)
                }),
                "totals": jsonTotals(ledger.totals),
            ]
            if let team = entry.team { fields["team"] = .string(team) }
            if let paidFor = ledger.paidFor { fields["paid_for"] = .string(paidFor) }
            return .object(fields)
        }
        let document = JSONValue.object([
            "currency": .string("GBP"),
            "note": .string("Amounts in pounds, rounded to the penny from exact totals. Net benefit and ratio are fiscal."),
            "default_deadweight_percent": .string(ExactNumber.plain(report.defaults.deadweight)),
            "default_attribution_percent": .string(ExactNumber.plain(report.defaults.attribution)),
            "entries": .list(entries),
            "overall": jsonTotals(report.overall),
            "groupings": .object(Dictionary(uniqueKeysWithValues: report.groups.map { group in
                (group.grouping.rawValue, JSONValue.list(group.rows.map { row in
                    .object(["key": .string(row.key), "label": .string(row.label), "totals": jsonTotals(row.totals)])
                }))
            })),
        ])
        return document.prettyText + "\n"
    }

    // MARK: Terminal table

    /// The tally for one grouping (or the overall figures only) as aligned columns, with the total last.
    public static func table(_ report: ROIReport, by grouping: Grouping?) -> String {
        let header = [grouping?.columnLabel ?? "", "Entries", "Cost", "Adjusted fiscal", "Net fiscal", "Ratio"]
        func cells(_ label: String, _ totals: Totals) -> [String] {
            [label, String(totals.entries), totals.cost.display, totals.adjusted.fiscal.display,
             totals.netFiscal.display, ratioText(totals.ratio)]
        }
        var rows = [header]
        if let grouping { rows += report.group(grouping).rows.map { cells($0.label, $0.totals) } }
        rows.append(cells("Total", report.overall))
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        lines.insert(String(repeating: "-", count: lines[0].count), at: 1)
        lines.insert(String(repeating: "-", count: lines[0].count), at: lines.count - 1)
        var notes = [
            "Fiscal values only: economic \(report.overall.adjusted.economic.display), social \(report.overall.adjusted.social.display) (adjusted) are kept apart.",
            "Deadweight \(ExactNumber.plain(report.defaults.deadweight))% and attribution \(ExactNumber.plain(report.defaults.attribution))% unless an entry gives its own. Ratio: adjusted fiscal benefit per £1 spent.",
        ]
        if grouping?.shares == true {
            notes.append("An entry with several \(grouping == .tag ? "tags" : "principles") is shared equally among them, so the rows add up to the total.")
        }
        return (lines + [""] + notes).joined(separator: "\n") + "\n"
    }
}
