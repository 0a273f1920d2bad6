import Foundation
import Testing

/// The example site's /roi/ page, its tallies.csv and `brightspots tally` must agree to the penny.
@Suite("ROI figures agree everywhere")
struct ROIAgreementTests {
    /// The figures of the "Total" row: cost, adjusted fiscal, net, ratio, as each output prints them.
    struct TotalRow: Equatable {
        var entries: String
        var cost: String
        var adjustedFiscal: String
        var net: String
        var ratio: String
    }

    /// "£4,685.00" → "4685.00", so the page's and the terminal's display figures compare with the CSV's.
    func plain(_ display: String) -> String {
        display.replacingOccurrences(of: "£", with: "").replacingOccurrences(of: ",", with: "")
            .replacingOccurrences(of: "−", with: "-")
    }

    /// RFC 4180: fields may be quoted, with "" for a quote inside; records end with CRLF.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.append(character) }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field); field = ""
            } else if character == "\r\n" || character == "\n" {
                record.append(field); field = ""
                records.append(record); record = []
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    func cells(_ row: Substring) -> [String] {
        row.components(separatedBy: "<td class=\"num\">").dropFirst()
            .map { String($0.prefix { $0 != "<" }) }
    }

    @Test("the /roi/ page, tallies.csv and brightspots tally give the same totals for every grouping")
    func agreement() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        #expect(try Binary.run(["build"], in: project.root).status == 0)
        let page = try #require(project.read("public/roi/index.html"))
        let csv = try #require(project.read("public/roi/tallies.csv"))
        let csvRows = Self.parseCSV(csv)
        let header = try #require(csvRows.first)
        func column(_ name: String, _ row: [String]) -> String { row[header.firstIndex(of: name)!] }

        for grouping in ["kind", "tag", "principle", "team", "month"] {
            let tally = try Binary.run(["tally", "--by", grouping], in: project.root)
            #expect(tally.status == 0)
            let tallyLine = try #require(tally.output.split(separator: "\n").first { $0.hasPrefix("Total ") })
            let t = tallyLine.split(separator: " ").map(String.init)
            let fromTally = TotalRow(entries: t[1], cost: plain(t[2]), adjustedFiscal: plain(t[3]), net: plain(t[4]), ratio: t[5])

            // The page's table for this grouping ends with its Total row.
            let section = try #require(page.components(separatedBy: "id=\"roi-\(grouping)-heading\"").dropFirst().first)
            let footer = try #require(section.components(separatedBy: "<tfoot>").dropFirst().first)
            let p = cells(footer[...])
            let fromPage = TotalRow(entries: p[0], cost: plain(p[1]), adjustedFiscal: plain(p[2]), net: plain(p[3]), ratio: p[4])

            let total = try #require(csvRows.first { $0.first == "total" })
            let fromCSV = TotalRow(entries: column("entries", total), cost: column("cost", total),
                                   adjustedFiscal: column("adjusted_fiscal", total), net: column("net_fiscal", total),
                                   ratio: column("ratio", total))
            #expect(fromTally == fromCSV, "tally --by \(grouping)")
            #expect(fromPage == fromCSV, "/roi/ \(grouping) table")

            // Every group row agrees too, and the rows add up to the total to the penny (before display rounding
            // the sum is exact; after it, within a penny per row).
            let groupRows = csvRows.filter { $0.first == "group" && $0.count > 2 && $0[1] == grouping }
            #expect(!groupRows.isEmpty)
            for row in groupRows {
                let label = column("group", row)
                let line = try #require(tally.output.split(separator: "\n").first { $0.hasPrefix(label + " ") })
                let figures = line.dropFirst(label.count).split(separator: " ").map(String.init)
                #expect(plain(figures[1]) == column("cost", row), "\(grouping) \(label) cost")
                #expect(plain(figures[2]) == column("adjusted_fiscal", row), "\(grouping) \(label) adjusted")
            }
        }
        // The entry page's ROI box shows the entry's own figures from the same ledger.
        let entryRow = try #require(csvRows.first { $0.first == "entry" && column("entry", $0) == "a-discharge-that-held" })
        let entryPage = try #require(project.read("public/bright-spots/a-discharge-that-held/index.html"))
        let net = try #require(entryPage.components(separatedBy: "<dt>Net fiscal benefit</dt><dd>").dropFirst().first)
        #expect(plain(String(net.prefix { $0 != "<" })) == column("net_fiscal", entryRow))
        #expect(entryPage.contains("NHS Reference Costs 2011-12"))
        #expect(entryPage.contains("2015/16 prices"))
    }

    @Test("tally --format csv is the site's tallies.csv; --format json is tallies.json")
    func downloadsMatch() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        #expect(try Binary.run(["build"], in: project.root).status == 0)
        #expect(try Binary.run(["tally", "--format", "csv"], in: project.root).output == project.read("public/roi/tallies.csv"))
        #expect(try Binary.run(["tally", "--format", "json"], in: project.root).output == project.read("public/roi/tallies.json"))
    }

    @Test("internal entries count only in an internal tally")
    func audience() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write("Content/peer-support/2026/roi-internal.md", """
            ---
            title: Internal costs
            date: 2026-10-01
            roi:
              cost: 1000
              outcomes:
                - code: ae-attendance
                  count: 1
            ---

            ## Check-in
            ## What we talked about
            ## What helped
            ## What we agreed
            """)
        let publicTally = try Binary.run(["tally", "--format", "csv"], in: project.root).output
        let internalTally = try Binary.run(["tally", "--format", "csv", "--audience", "internal"], in: project.root).output
        #expect(!publicTally.contains("roi-internal"))
        #expect(internalTally.contains("roi-internal"))
    }
}
