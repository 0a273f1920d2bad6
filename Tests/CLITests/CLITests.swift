import Foundation
import Testing

@Suite("The brightspots command")
struct CLITests {
    @Test("every command has --help", arguments: [[], ["new"], ["check"], ["build"], ["serve"], ["tally"], ["forum"]])
    func help(_ command: [String]) throws {
        let result = try Binary.run(command + ["--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("USAGE: brightspots"))
        #expect(result.output.contains("--root <dir>") || command.isEmpty)
    }

    @Test("check on the example content finds no problems")
    func checkExample() throws {
        let result = try Binary.run(["check", "--root", Binary.repositoryRoot.path])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("No problems found in "))
    }

    @Test("check prints every problem in every file at once, with file:line, and exits 1")
    func checkBroken() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        try project.write("Content/aar/2026/one.md", "---\ntitle: One\ndate: 2026-09-31\ncolour: blue\n---\n")
        try project.write("Content/bright-spot/2026/two.md",
                          "---\ntitle: Two\ndate: 2026-09-01\nprinciples: [no-wrong-frontdoor]\n---\n\n## What went well\n")
        let result = try Binary.run(["check"], in: project.root)
        #expect(result.status == 1)
        let lines = result.error.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("problems found:") == true)
        #expect(lines.contains("1. Content/aar/2026/one.md:3: \"2026-09-31\" is not a date in the form YYYY-MM-DD."))
        #expect(lines.contains { $0.contains("Content/aar/2026/one.md:4: unknown key \"colour\".") })
        #expect(lines.contains { $0.contains("Content/bright-spot/2026/two.md:4: unknown principle \"no-wrong-frontdoor\".") })
        #expect(lines.contains("   Fix: Did you mean \"no-wrong-front-door\"?"))
        // Both files' missing sections are listed too: 4 for the AAR, 3 for the Bright Spot.
        #expect(lines.filter { $0.contains("is missing.") && $0.contains("required section") }.count == 7)
    }

    @Test("new writes an entry from the archetype that then passes check; a second with the same title is refused")
    func newEntry() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        let created = try Binary.run(["new", "aar", "A hand-over: what we learned", "--date", "2026-11-02",
                                      "--author", "Sam Test"], in: project.root)
        #expect(created.status == 0, "\(created.error)")
        #expect(created.output == "Created Content/aar/2026/a-hand-over-what-we-learned.md\n")
        let text = try #require(project.read("Content/aar/2026/a-hand-over-what-we-learned.md"))
        #expect(text.hasPrefix("---\ntitle: \"A hand-over: what we learned\"\ndate: 2026-11-02\nauthor: \"Sam Test\"\n"))
        #expect(text.contains("## What was expected to happen?\n"))
        #expect(text.contains("## What will we keep doing / do differently?\n"))
        #expect(try Binary.run(["check"], in: project.root).status == 0)

        let again = try Binary.run(["new", "aar", "A hand-over: what we learned", "--date", "2026-11-02"], in: project.root)
        #expect(again.status == 1)
        #expect(again.error.contains("a-hand-over-what-we-learned"))

        let typo = try Binary.run(["new", "bright-spto", "Tea"], in: project.root)
        #expect(typo.status == 1)
        #expect(typo.error.contains("Did you mean \"bright-spot\"?"))
    }

    @Test("build prints a summary line, and the stages with --verbose")
    func buildVerbose() throws {
        let project = try ScratchProject()
        defer { project.remove() }
        let result = try Binary.run(["build", "--verbose", "--output", "site"], in: project.root)
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Built ") == true)
        #expect(lines.first?.contains(" into site/: ") == true)
        #expect(lines.dropFirst().first?.contains("pages rendered") == true)
        #expect(lines.dropFirst(2).map { $0.split(separator: " ").first.map(String.init) ?? "" } ==
                ["load", "index", "render", "write"])
        #expect(project.read("site/index.html") != nil)
    }

    @Test("a missing project folder is a clear error")
    func missingRoot() throws {
        let result = try Binary.run(["check", "--root", "/nonexistent/brightspots"])
        #expect(result.status != 0)
        #expect(result.error.contains("does not exist"))
    }
}
