import Testing
@testable import BrightspotsCore

/// Dates of birth, ages, text that must pass, lines, order and allowances.
@Suite("PrivacyGuard: dates of birth, ages and benign text")
struct PrivacyContextTests {
    static func finding(_ kind: PrivacyFinding.Kind, _ text: String, line: Int = 1,
                        _ certainty: PrivacyFinding.Certainty) -> PrivacyFinding {
        PrivacyFinding(kind: kind, text: text, line: line, certainty: certainty)
    }

    // MARK: Dates of birth

    @Test("a date next to a context word is a date of birth",
          arguments: ["12/03/1984", "12-03-84", "12.03.1984", "1984-03-12", "12 March 1984", "12th Mar 1984",
                      "March 12, 1984", "12th of March", "3 Sept. '84", "2/3/1984"])
    func datesOfBirth(_ date: String) {
        #expect(PrivacyGuard.scan("DOB: \(date).") == [Self.finding(.dateOfBirth, date, .certain)])
    }

    @Test("every context word counts, in any case",
          arguments: ["DOB", "D.O.B.", "d.o.b", "date of birth", "Date-of-birth", "birth date", "born", "Birthday"])
    func contextWords(_ word: String) {
        #expect(PrivacyGuard.scan("\(word) 12/03/1984") == [Self.finding(.dateOfBirth, "12/03/1984", .certain)])
    }

    @Test("a context word up to two lines away makes a date likely; three lines away it does not")
    func contextReach() {
        let text = "He was born in the city.\nHe moved.\nOn 12 March 2026 we met.\nThen.\nOn 14 March 2026 again."
        #expect(PrivacyGuard.scan(text) == [Self.finding(.dateOfBirth, "12 March 2026", line: 3, .likely)])
        #expect(PrivacyGuard.scan("12 March 1984\n\nborn") == [Self.finding(.dateOfBirth, "12 March 1984", .likely)])
        #expect(PrivacyGuard.scan("12 March 1984\n\n\nborn") == [])
    }

    @Test("a date alone is not a date of birth",
          arguments: ["On 12/03/1984 the ward rang.", "Seen 2026-03-12.", "12 March 1984", "March 12, 1984",
                      "12/03 at 10.30", "newborn care on 12/03/2026", "may 5 people"])
    func bareDates(_ text: String) {
        #expect(PrivacyGuard.scan(text) == [])
    }

    @Test("impossible dates are not dates", arguments: ["born 31/02/1984", "born 12/13/1984", "born 32 March"])
    func impossibleDates(_ text: String) {
        #expect(PrivacyGuard.scan(text) == [])
    }

    // MARK: Ages

    @Test("exact ages are flagged for review",
          arguments: ["aged 34", "age 34", "age: 34", "Age of 34", "AGED 34", "34-year-old", "34 year old",
                      "34 years old", "34 years of age", "34yo", "34 y/o", "34 y.o.", "9 months old", "seventy-year-old",
                      "twenty-two-year-old", "aged seventy"])
    func ages(_ age: String) {
        #expect(PrivacyGuard.scan("A man \(age) came in.") == [Self.finding(.age, age, .review)])
    }

    @Test("age ranges and bands describe groups, not a person",
          arguments: ["aged 18 to 25", "aged 18-25", "aged 65+", "aged 65 and over", "people aged 16 or over",
                      "25-year-olds", "18-25 year olds", "18 to 25 years old", "in his 40s", "over-65s", "page 34",
                      "stage 3", "average 34", "aged over 65"])
    func notAges(_ text: String) {
        #expect(PrivacyGuard.scan(text) == [])
    }

    // MARK: Benign text

    @Test("an After Action Review full of dates, times, money, counts and years has no findings")
    func benignReview() {
        let review = """
            ## What actually happened?

            On Friday 14 March 2026 at 14:00 the ward confirmed he was fit; by 9.30am on 17/03/2026 he was back in
            A&E. Across 2025 there were 12 ambulance call-outs, 3 of 10 planned visits happened, and the team spent
            £1,246.96 on taxis and £4,685 on agency cover (0.5 of a post). Since 2019, 45% of referrals came on a
            Friday; in March and May it was 60%. Outcome codes: ae-attendance, police-incident. Reference
            BS-7KQ2-M9XD-4TPA, ticket 4471, extension 2231, room 1.04, call 999 or 111, 1 in 11 chance.
            The review on 2026-03-12 took 90 minutes; 6 people came, aged between 20 and 60, from the LS11 area.
            """
        #expect(PrivacyGuard.scan(review) == [])
    }

    // MARK: Lines and order

    @Test("findings carry their 1-based line and come in the order written")
    func linesAndOrder() {
        let text = "Ring 0113 496 0456 or\nemail jo@example.com.\n\nHe is aged 34, NHS 943 476 5919,\nat LS11 5BZ."
        #expect(PrivacyGuard.scan(text) == [
            Self.finding(.phone, "0113 496 0456", line: 1, .certain),
            Self.finding(.email, "jo@example.com", line: 2, .certain),
            Self.finding(.age, "aged 34", line: 4, .review),
            Self.finding(.nhsNumber, "943 476 5919", line: 4, .certain),
            Self.finding(.postcode, "LS11 5BZ", line: 5, .certain),
        ])
    }

    @Test("Windows line endings count one line each, and numbers do not run across lines")
    func crlf() {
        #expect(PrivacyGuard.scan("a\r\nb\r\nRing 0113 496 0456") == [Self.finding(.phone, "0113 496 0456", line: 3, .certain)])
        #expect(PrivacyGuard.scan("943 476\n5919") == [])
    }

    @Test("labels for messages")
    func labels() {
        #expect(PrivacyFinding.Kind.allCases.map(\.label) == [
            "NHS number", "CHI number", "National Insurance number", "postcode", "phone number", "email address",
            "date of birth", "age",
        ])
    }

    // MARK: Allowances

    @Test("an allowance covers a finding with the same text, ignoring case and spacing")
    func allowances() {
        let findings = PrivacyGuard.scan("Ring 0113 496 0456 at LS11 5BZ, aged 34.")
        #expect(findings.count == 3)
        let allowed = [
            PrivacyAllowance(text: " 0113  496 0456 ", allowedBy: "Sam Moderator", reason: "the team's duty line"),
            PrivacyAllowance(text: "ls11 5bz", allowedBy: "Sam Moderator", reason: "the council's offices"),
        ]
        #expect(PrivacyGuard.unallowed(findings, allowances: allowed) == [Self.finding(.age, "aged 34", .review)])
        #expect(PrivacyGuard.unallowed(findings, allowances: []) == findings)
        // Text must match whole: part of the number, or a different spacing of the letters, is not the same text.
        let partial = [PrivacyAllowance(text: "0113 496", allowedBy: "Sam", reason: "x"),
                       PrivacyAllowance(text: "LS115BZ", allowedBy: "Sam", reason: "x")]
        #expect(PrivacyGuard.unallowed(findings, allowances: partial) == findings)
    }
}
