import Testing
@testable import BrightspotsCore

@Suite("Sections")
struct SectionsTests {
    @Test("headings finds level-two ATX headings with their body lines")
    func headings() {
        let body = """
            Intro.
            ## First
            ### Not level two
            # Not level two either
            ##NoSpace
               ## Indented three ##
                ## Indented four is code
            ## Closing hashes ###
            ##
            """
        #expect(Sections.headings(in: body) == [
            Sections.Heading(text: "First", line: 2),
            Sections.Heading(text: "Indented three", line: 6),
            Sections.Heading(text: "Closing hashes", line: 8),
            Sections.Heading(text: "", line: 9),
        ])
    }

    @Test("headings skips fenced code blocks, matching the fence that opened them")
    func fences() {
        let body = """
            ```swift
            ## In backticks
            ```
            ## After backticks
            ~~~
            ## In tildes
            ```
            ## Still in tildes
            ~~~
            ## After tildes
            """
        #expect(Sections.headings(in: body).map(\.text) == ["After backticks", "After tildes"])
        #expect(Sections.headings(in: body).map(\.line) == [4, 10])
    }

    @Test("normalise", arguments: [
        ("What actually happened?", "what actually happened"),
        ("  WHAT   Actually\thappened?!.", "what actually happened"),
        ("What will we keep doing / do differently?", "what will we keep doing / do differently"),
        ("Check-in", "check-in"),
        ("", ""),
    ])
    func normalise(heading: String, expected: String) {
        #expect(Sections.normalise(heading) == expected)
    }

    @Test("missing lists the absent required sections in required order")
    func missing() {
        let required = ["Check-in", "What we talked about", "What helped", "What we agreed"]
        #expect(Sections.missing(required, in: "## what helped\n\n## CHECK-IN.\n") == ["What we talked about",
                                                                                        "What we agreed"])
        #expect(Sections.missing(required, in: "") == required)
        #expect(Sections.missing([], in: "") == [])
        #expect(Sections.missing(required, in: "## Check-in\n## What we talked about\n## What helped\n## What we agreed")
            == [])
        // A level-three heading does not satisfy a required section.
        #expect(Sections.missing(["What helped"], in: "### What helped") == ["What helped"])
    }

    @Test("gaps pair each missing section with the nearest unmatched heading, each heading used once")
    func gaps() {
        let required = ["The situation", "What went well", "What made it work"]
        let body = "## The situation\n\n## What went wel\n\n## Something unrelated entirely\n"
        #expect(Sections.gaps(required: required, in: body) == [
            Sections.Gap(missing: "What went well", misspelling: Sections.Heading(text: "What went wel", line: 3)),
            Sections.Gap(missing: "What made it work", misspelling: nil),
        ])
        #expect(Sections.gaps(required: required, in: "## Budget\n").map(\.misspelling) == [nil, nil, nil])
        // A heading that matches another required section is not offered as a misspelling.
        #expect(Sections.gaps(required: required, in: "## The situation\n")
            == [Sections.Gap(missing: "What went well", misspelling: nil),
                Sections.Gap(missing: "What made it work", misspelling: nil)])
        // The closest pair wins, whatever the order of the required sections.
        #expect(Sections.gaps(required: ["What helped", "What we agreed"], in: "## What we agred\n")
            == [Sections.Gap(missing: "What helped", misspelling: nil),
                Sections.Gap(missing: "What we agreed", misspelling: Sections.Heading(text: "What we agred", line: 1))])
    }

    @Test("a space before the trailing question mark does not matter")
    func spaceBeforeQuestionMark() {
        #expect(Sections.normalise("What actually happened ?") == "what actually happened")
        #expect(Sections.missing(["What actually happened?"], in: "## What actually happened ?\n") == [])
    }
}
