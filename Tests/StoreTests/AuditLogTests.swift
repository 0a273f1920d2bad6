import BrightspotsCore
import Foundation
import Testing
@testable import BrightspotsStore

/// The audit log is append-only in the code as well as in the database, and prints safely.
@Suite struct AuditLogTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// Every Swift source file of the project, path → text.
    static func sourceFiles() throws -> [(String, String)] {
        var files: [(String, String)] = []
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            files.append((url.path, try String(contentsOf: url, encoding: .utf8)))
        }
        return files
    }

    /// Any statement that changes the audit table other than a plain INSERT, in any spelling or spacing.
    static func forbidden() throws -> Regex<AnyRegexOutput> {
        try Regex(#"(?i)\b(update\s+(or\s+\w+\s+)?audit\b|delete\s+from\s+audit\b|replace\s+into\s+audit\b|insert\s+or\s+\w+\s+into\s+audit\b|drop\s+(table|trigger)\s+(if\s+exists\s+)?audit|alter\s+table\s+audit\b)"#)

    }

    @Test func noCodeUpdatesDeletesOrReplacesAuditRows() throws {
        let files = try Self.sourceFiles()
        #expect(files.count > 50)
        let forbidden = try Self.forbidden()
        var offenders: [String] = []
        for (path, text) in files where !path.hasSuffix("Schema.swift") {
            for match in text.matches(of: forbidden) { offenders.append("\(path): \(text[match.range])") }
        }
        #expect(offenders == [], "only Schema.swift may name such statements (in its triggers)")
        // The one writing statement in the code is the insert in SQLiteStore.insert.
        let inserts = files.flatMap { path, text in
            text.matches(of: try! Regex(#"(?i)insert\s+into\s+audit\b"#)).map { _ in path }
        }
        #expect(inserts.count == 1)
        #expect(inserts.first?.hasSuffix("BrightspotsStore/SQLiteStore.swift") == true)
    }

    @Test func theForbiddenPatternCatchesWhatItShould() throws {
        // The scan above is only as good as its pattern: it must see each way of changing a row.
        let forbidden = try Self.forbidden()
        for statement in ["UPDATE audit SET detail = ''", "delete  from\naudit", "INSERT OR REPLACE INTO audit (id) VALUES (1)",
                          "REPLACE INTO audit VALUES (1)", "update or ignore audit set x = 1", "DROP TRIGGER audit_no_update",
                          "ALTER TABLE audit RENAME TO old"] {
            #expect(statement.contains(forbidden), "\(statement)")
        }
        for harmless in ["SELECT * FROM audit", "INSERT INTO audit (at) VALUES (1)", "update the audit log view"] {
            #expect(!harmless.contains(forbidden), "\(harmless)")
        }
    }

    static let records = [
        AuditRecord(id: 1, at: Date(timeIntervalSince1970: 1_795_000_000), actor: "mod-test", action: .approved,
                    reference: "BS-TEST-0001", detail: "Content/aar/2026/test.md"),
        AuditRecord(id: 2, at: Date(timeIntervalSince1970: 1_795_000_060), actor: "=HYPERLINK(\"http://example.invalid\")",
                    action: .loginFailed),
        AuditRecord(id: 3, at: Date(timeIntervalSince1970: 1_795_000_120), actor: "admin-test", action: .takenDown,
                    detail: "Content/aar/2026/x.md: a reason, with \"quotes\"\nand a second line"),
    ]

    @Test func csvQuotesFieldsAndDisarmsFormulas() {
        let csv = AuditExport.csv(Self.records)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0] == "time,actor,action,reference,detail")
        #expect(lines[1] == "2026-11-18T11:06:40Z,mod-test,approved,BS-TEST-0001,Content/aar/2026/test.md")
        // A name typed at the login form that a spreadsheet would run as a formula.
        #expect(lines[2] == "2026-11-18T11:07:40Z,\"'=HYPERLINK(\"\"http://example.invalid\"\")\",login-failed,,")
        #expect(csv.contains("\"Content/aar/2026/x.md: a reason, with \"\"quotes\"\"\nand a second line\""))
        #expect(csv.hasSuffix("\r\n"))
    }

    @Test func theTableKeepsOneRecordToALine() {
        let table = AuditExport.table(Self.records)
        let lines = table.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("TIME"))
        #expect(lines[3].hasSuffix("a reason, with \"quotes\" and a second line"))
        #expect(!table.contains("\u{1B}"))
        #expect(AuditExport.printable("a\u{1B}[2Jb\u{7}") == "a [2Jb ")
    }
}
