import Foundation
import Testing
@testable import BrightspotsCore

/// The core tests' vocabulary with a unit-cost table, so submissions can carry a return on investment.
enum SubmissionVocabulary {
    static let vocabulary = Vocabulary(site: TestVocabulary.site, principles: TestVocabulary.principles,
                                       tags: TestVocabulary.tags, unitCosts: ROIFixtures.table)
    static let forumMonths = [Month("2026-12")!, Month("2027-01")!]
    static let sections = [
        "We expected most people to reply to a letter.",
        "Few replied.\n\n- Letters looked like bills\n- Nobody phoned",
        "Letters in brown envelopes look official.",
        "Phone first, then write.",
    ]

    static func valid() -> Submission {
        Submission(kind: "aar", title: "Phone first, not letters", sections: sections,
                   tags: "Homelessness, mh, housing", principles: ["no-wrong-front-door", "study-success-and-share-it"],
                   team: "Test Team", displayName: "Sam Example", forum: "2026-12", cost: "£1,250.50",
                   paidFor: "A support worker's time",
                   outcomes: [SubmittedOutcome(code: "ae-attendance", count: "3"),
                              SubmittedOutcome(code: "ambulance-call-out", count: " 1.5 ")],
                   declaration: true)
    }

    static func errors(_ submission: Submission, allowances: [PrivacyAllowance] = []) -> [FieldError] {
        SubmissionCheck.errors(submission, vocabulary: vocabulary, forumMonths: forumMonths, allowances: allowances)
    }

    static func parse(_ submission: Submission, allowances: [PrivacyAllowance] = []) -> (Entry?, [Problem]) {
        let markdown = SubmissionDocument.markdown(submission, vocabulary: vocabulary, date: Day("2026-05-01")!,
                                                   allowances: allowances)
        return EntryParser.parse(markdown, at: TestVocabulary.location("Content/aar/2026/example.md"),
                                 vocabulary: vocabulary)
    }
}

@Suite("Submission checks")
struct SubmissionCheckTests {
    typealias V = SubmissionVocabulary

    func only(_ change: (inout Submission) -> Void) -> [FieldError] {
        var submission = V.valid()
        change(&submission)
        return V.errors(submission)
    }

    @Test("a valid submission has no errors")
    func valid() {
        #expect(V.errors(V.valid()).isEmpty)
        var anonymous = V.valid()
        anonymous.displayName = ""
        anonymous.anonymous = true
        anonymous.cost = ""
        anonymous.paidFor = ""
        anonymous.outcomes = []
        anonymous.forum = ""
        #expect(V.errors(anonymous).isEmpty)
    }

    @Test("an unknown kind is the only error")
    func unknownKind() {
        #expect(only { $0.kind = "nonsense" } == [FieldError(field: "kind", message: "Select what kind of reflection you are sending")])
    }

    @Test("missing title, section, display name and declaration")
    func missing() {
        #expect(only { $0.title = "  \n" } == [FieldError(field: "title", message: "Enter a title")])
        #expect(only { $0.sections[1] = "" } == [FieldError(field: "section-2", message: "Enter your answer to ‘What actually happened?’")])
        #expect(only { $0.sections = Array($0.sections.prefix(3)) }
                == [FieldError(field: "section-4", message: "Enter your answer to ‘What will we keep doing / do differently?’")])
        #expect(only { $0.displayName = "" }
                == [FieldError(field: "display-name", message: "Enter the name to show with your reflection, or choose to be anonymous")])
        #expect(only { $0.declaration = false } == [FieldError(field: "declaration", message:
            "Confirm that you have removed anything that could identify a person who uses services")])
    }

    @Test("errors come in the order of the form")
    func order() {
        let errors = V.errors(Submission(kind: "aar"))
        #expect(errors.map(\.field) == ["title", "section-1", "section-2", "section-3", "section-4", "display-name", "declaration"])
    }

    @Test("over-long fields")
    func tooLong() {
        #expect(only { $0.title = String(repeating: "a", count: 151) }
                == [FieldError(field: "title", message: "Title must be 150 characters or fewer")])
        #expect(only { $0.title = String(repeating: "a", count: 150) }.isEmpty)
        #expect(only { $0.sections[0] = String(repeating: "a", count: 10_001) }
                == [FieldError(field: "section-1", message: "‘What was expected to happen?’ must be 10,000 characters or fewer")])
        #expect(only { $0.team = String(repeating: "a", count: 151) }
                == [FieldError(field: "team", message: "Team must be 150 characters or fewer")])
        #expect(only { $0.displayName = String(repeating: "a", count: 81) }
                == [FieldError(field: "display-name", message: "Display name must be 80 characters or fewer")])
        #expect(only { $0.paidFor = String(repeating: "a", count: 301) }
                == [FieldError(field: "paid-for", message: "What the money paid for must be 300 characters or fewer")])
        #expect(only { $0.tags = String(repeating: "a", count: 301) }
                == [FieldError(field: "tags", message: "Tags must be 300 characters or fewer")])
    }

    @Test("control characters, but not tabs and line breaks", arguments: ["\u{0}", "\u{1B}", "\u{7F}", "\u{202E}"])
    func control(_ character: String) {
        #expect(only { $0.title = "Bad\(character)title" } == [FieldError(field: "title", message:
            "Title must not contain control characters; retype it rather than pasting it")])
        #expect(only { $0.sections[2] = "Tab\there\r\nand a new line" }.isEmpty)
    }

    @Test("tags: one without a letter or digit, and too many")
    func tags() {
        #expect(only { $0.tags = "housing, !!!" } == [FieldError(field: "tags", message: "Tag ‘!!!’ must contain a letter or a digit")])
        #expect(only { $0.tags = (1...13).map { "tag\($0)" }.joined(separator: ", ") }
                == [FieldError(field: "tags", message: "Enter 12 tags or fewer")])
        #expect(only { $0.tags = "a brand new tag" }.isEmpty)
    }

    @Test("an unknown principle")
    func principles() {
        #expect(only { $0.principles = ["no-wrong-front-door", "made-up"] }
                == [FieldError(field: "principles", message: "Select principles from the list")])
    }

    @Test("a forum month not offered", arguments: ["2026-05", "2027-02", "December", "2026-13"])
    func forum(_ month: String) {
        #expect(only { $0.forum = month }
                == [FieldError(field: "forum", message: "Select a forum month from the list, or ‘Not for a forum’")])
    }

    @Test("cost without outcomes, outcomes without cost, and a cost that is not money")
    func roi() {
        #expect(only { $0.outcomes = [] } == [FieldError(field: "outcome-1-code", message:
            "Select at least one outcome the money avoided or achieved, or leave the cost empty")])
        #expect(only { $0.outcomes = [SubmittedOutcome(), SubmittedOutcome(code: "", count: " ")] } == [FieldError(field: "outcome-1-code", message:
            "Select at least one outcome the money avoided or achieved, or leave the cost empty")])
        #expect(only { $0.cost = "" } == [FieldError(field: "cost", message:
            "Enter what the work cost, in pounds, to go with its outcomes")])
        for cost in ["lots", "-5", "£20,000,001", "1.2.3"] {
            #expect(only { $0.cost = cost } == [FieldError(field: "cost", message: "Enter the cost in pounds, like 450 or 1250.50")],
                    "\(cost)")
        }
    }

    @Test("outcome rows: unknown code, missing count, bad counts", arguments: ["abc", "0", "-1", "20000000", "1/2"])
    func counts(_ count: String) {
        #expect(only { $0.outcomes[1].count = count } == [FieldError(field: "outcome-2-count", message:
            "Enter the count for outcome 2 as a number greater than 0, like 3 or 1.5")])
        #expect(only { $0.outcomes[0].count = "" } == [FieldError(field: "outcome-1-count", message:
            "Enter how many times outcome 1 was avoided or achieved")])
        #expect(only { $0.outcomes[0].code = "made-up" } == [FieldError(field: "outcome-1-code", message: "Select the outcome for row 1")])
    }

    @Test("a privacy finding names the text and the field; an allowance lets it through")
    func privacy() {
        #expect(only { $0.sections[1] = "Her NHS number was 943 476 5919." } == [FieldError(field: "section-2", message:
            "Remove the NHS number ‘943 476 5919’ from ‘What actually happened?’: the site must not identify a person who uses services")])
        let two = only { $0.team = "Ring 07700 900123 or jo@example.com" }
        #expect(two.count == 1)
        #expect(two.first?.field == "team")
        #expect(two.first?.message.contains("(and 1 more)") == true)
        #expect(two.first?.message.hasPrefix("Remove the phone number ‘07700 900123’ from team") == true)
        var submission = V.valid()
        submission.sections[0] = "Ring 0113 496 0000 to book."
        #expect(V.errors(submission).map(\.field) == ["section-1"])
        let allowance = PrivacyAllowance(text: "0113 496 0000", allowedBy: "mod-test", reason: "The service's switchboard")
        #expect(V.errors(submission, allowances: [allowance]).isEmpty)
    }
}

@Suite("Submission documents")
struct SubmissionDocumentTests {
    typealias V = SubmissionVocabulary

    @Test("a valid submission's Markdown parses into the same entry")
    func roundTrip() throws {
        let submission = V.valid()
        let (parsed, problems) = V.parse(submission)
        #expect(problems.isEmpty, "\(problems)")
        let entry = try #require(parsed)
        #expect(entry.title == submission.title)
        #expect(entry.kind == "aar")
        #expect(entry.author == "Sam Example")
        #expect(entry.team == "Test Team")
        #expect(entry.tags == ["housing", "mental-health"])
        #expect(entry.principles == submission.principles)
        #expect(entry.forum == Month("2026-12"))
        #expect(Sections.headings(in: entry.body).map(\.text) == TestVocabulary.site.kind("aar")!.sections)
        for answer in submission.sections { #expect(entry.body.contains(answer)) }
        let roi = try #require(entry.roi)
        #expect(roi.cost == ROIFixtures.money("1250.50"))
        #expect(roi.paidFor == "A support worker's time")
        #expect(roi.outcomes.map(\.code) == ["ae-attendance", "ambulance-call-out"])
        #expect(roi.outcomes.map(\.count) == [ROIFixtures.dec("3"), ROIFixtures.dec("1.5")])
    }

    @Test("anonymous submissions and ones without optional fields", arguments: [true, false])
    func minimal(_ anonymous: Bool) throws {
        var submission = Submission(kind: "aar", title: "Minimal", sections: V.sections,
                                    displayName: anonymous ? "Sam Example" : "", anonymous: anonymous, declaration: true)
        submission.displayName = anonymous ? "Sam Example" : ""
        let (parsed, problems) = V.parse(submission)
        #expect(problems.isEmpty, "\(problems)")
        let entry = try #require(parsed)
        #expect(entry.author == "anonymous")
        #expect(entry.team == nil)
        #expect(entry.tags.isEmpty)
        #expect(entry.roi == nil)
        #expect(entry.forum == nil)
    }

    @Test("titles and names that YAML would misread round-trip",
          arguments: [#"Risk: "high" # not a comment"#, "- a leading dash", "back\\slash and 'single' quotes",
                      "yes", "2026-05-01", "[not, a, list]", "{not: a map}", "& anchor * alias", "@at %percent `tick`"])
    func yamlHostile(_ title: String) throws {
        var submission = V.valid()
        submission.title = title
        submission.displayName = title
        submission.team = title
        let (parsed, problems) = V.parse(submission)
        #expect(problems.isEmpty, "\(problems)")
        let entry = try #require(parsed)
        #expect(entry.title == title)
        #expect(entry.author == title)
        #expect(entry.team == title)
    }

    @Test("a display name or team of \"null\" round-trips")
    func nullText() throws {
        var submission = V.valid()
        submission.title = "null"
        submission.displayName = "null"
        submission.team = "null"
        let (parsed, problems) = V.parse(submission)
        #expect(problems.isEmpty, "\(problems)")
        let entry = try #require(parsed)
        #expect(entry.title == "null")
        // FieldReader.text treats a quoted "null" like YAML's null, so the name and team are lost.
        withKnownIssue("FieldReader reads author: \"null\" as no author") {
            #expect(entry.author == "null")
            #expect(entry.team == "null")
        }
    }

    @Test("allowances are written as privacy_allowed and the entry still parses")
    func allowances() throws {
        var submission = V.valid()
        submission.sections[0] = "Ring 0113 496 0000 to book."
        let allowance = PrivacyAllowance(text: "0113 496 0000", allowedBy: "mod-test", reason: "The service's \"switchboard\"")
        let markdown = SubmissionDocument.markdown(submission, vocabulary: V.vocabulary, date: Day("2026-05-01")!,
                                                   allowances: [allowance])
        #expect(markdown.contains("privacy_allowed:"))
        #expect(markdown.contains(#"allowed_by: "mod-test""#))
        let (parsed, problems) = V.parse(submission, allowances: [allowance])
        #expect(problems.isEmpty, "\(problems)")
        #expect(parsed != nil)
    }

    @Test("plain amounts", arguments: [("£1,250.50", "1250.50"), (" 450 ", "450"), ("£0", "0")])
    func plainAmount(_ typed: String, _ plain: String) {
        #expect(SubmissionDocument.plainAmount(typed) == plain)
    }
}

/// Submissions the field checks accepted but whose entry file `check` (and so approval) refused; found by the fuzz
/// target. Each must now be refused on the form with a message, or published as typed.
@Suite("Submissions that must publish as checked")
struct SubmissionPublishesTests {
    typealias V = SubmissionVocabulary

    @Test("a section that leaves a code fence open is refused: it would swallow the sections after it",
          arguments: ["```\"><script>\nalert(1)", "\r\n~~~\nx", "text\n   ```swift"])
    func unclosedFence(_ answer: String) {
        var submission = V.valid()
        submission.sections[1] = answer
        let errors = V.errors(submission)
        #expect(errors.count == 1)
        #expect(errors.first?.field == "section-2")
        #expect(errors.first?.message.hasPrefix("Close the code block in ‘What actually happened?’") == true)
        submission.sections[1] = answer + "\n" + (answer.contains("~~~") ? "~~~" : "```")
        #expect(V.errors(submission) == [])
        #expect(V.parse(submission).1 == [])
    }

    @Test("an identifier made by two fields side by side in the file is refused on one of them")
    func identifierAcrossFields() {
        var submission = V.valid()
        submission.displayName = "Sam, born"
        submission.team = "Team of 12/03/1990"
        #expect(SubmissionCheck.text(submission.displayName, field: "display-name", name: "display name",
                                     limit: 80, missing: nil) == [])
        let errors = V.errors(submission)
        #expect(errors.map(\.field) == ["team"], "\(errors)")
        #expect(errors.first?.message.contains("‘12/03/1990’") == true)
    }

    @Test("a single-line field is checked as it is written, on one line")
    func checkedOnOneLine() {
        var submission = V.valid()
        submission.title = "Born\n\n\n\nin a hurry on 12/03/1990"
        let errors = V.errors(submission)
        #expect(errors.map(\.field) == ["title"], "\(errors)")
    }

    @Test("titles with characters YAML refuses or folds keep their text",
          arguments: ["A\u{FFFF}B", "A\u{FFFE}B", "A\u{2028}  B", "A\u{2029}B", "\u{FEFF}Leading mark", "Mid\u{FEFF}dle",
                      "Tab\tand\r\nbreak"])
    func yamlUnprintable(_ title: String) throws {
        var submission = V.valid()
        submission.title = title
        submission.team = title
        #expect(V.errors(submission) == [])
        let (parsed, problems) = V.parse(submission)
        #expect(problems == [], "\(problems)")
        let expected = YAMLText.oneLine(title).trimmingCharacters(in: SubmissionDocument.trimmed)
        #expect(try #require(parsed).title == expected)
        #expect(parsed?.team == expected)
    }
}
