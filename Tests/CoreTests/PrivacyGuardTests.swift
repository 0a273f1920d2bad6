import Testing
@testable import BrightspotsCore

/// The detectors, with only made-up identifiers (shared/PRIVACY.md): NHS numbers starting with 9 or
/// checksum-valid test values, Ofcom's drama phone numbers, example.com and example.org addresses.
@Suite("PrivacyGuard: identifiers")
struct PrivacyGuardTests {
    /// The single finding in `text`, which must be the only one.
    static func only(_ text: String) -> PrivacyFinding? {
        let findings = PrivacyGuard.scan(text)
        #expect(findings.count == 1, "expected one finding in \(text), got \(findings)")
        return findings.first
    }

    static func finding(_ kind: PrivacyFinding.Kind, _ text: String, line: Int = 1,
                        _ certainty: PrivacyFinding.Certainty) -> PrivacyFinding {
        PrivacyFinding(kind: kind, text: text, line: line, certainty: certainty)
    }

    // MARK: NHS and CHI numbers

    @Test("long digit runs where a date's parts would be do not overflow (they stopped the process)",
          arguments: ["15-66666666666666666666666666666666-1-5", "born 1-2-99999999999999999999999",
                      "DOB 99999999999999999999/03/1984", "1984-03-123456789012345678901234567890"])
    func longDigitRunsInDates(_ text: String) {
        #expect(PrivacyGuard.scan(text).allSatisfy { $0.kind != .dateOfBirth })
    }

    @Test("checksum-valid NHS numbers are certain, however they are grouped",
          arguments: ["943 476 5919", "401-023-2137", "221 395 1837", "9434765919", "943-476-5919", "943 476-5919"])
    func nhsNumbers(_ number: String) {
        #expect(PrivacyGuard.scan("NHS no. \(number) on the letter.") == [Self.finding(.nhsNumber, number, .certain)])
    }

    @Test("numbers that pass the checksum by accident are still certain",
          arguments: [("0000000000", PrivacyFinding.Kind.nhsNumber), ("9876543210", .nhsNumber),
                      // 111111 reads as the date 11/11/11, so it is taken as a CHI number.
                      ("1111111111", .chiNumber)])
    func checksumTraps(_ number: String, _ kind: PrivacyFinding.Kind) {
        #expect(PrivacyGuard.scan("ref \(number)") == [Self.finding(kind, number, .certain)])
    }

    @Test("a 10-digit or 3-3-4 run with a wrong check digit is still flagged, as likely",
          arguments: ["943 476 5918", "9434765910", "401-023-2138"])
    func invalidChecksum(_ number: String) {
        #expect(PrivacyGuard.scan(number) == [Self.finding(.nhsNumber, number, .likely)])
    }

    @Test("digit runs must be whole: longer runs and decimals are not NHS numbers",
          arguments: ["94347659191", "19434765919", "9434765919.5", "£9434765919", "ID9434765919", "943 476 591"])
    func wholeRunsOnly(_ text: String) {
        #expect(PrivacyGuard.scan(text) == [])
    }

    @Test("CHI numbers: a DDMMYY date and a valid mod-11 check digit")
    func chiNumbers() {
        #expect(Self.only("CHI 0101011237") == Self.finding(.chiNumber, "0101011237", .certain))
        #expect(Self.only("CHI 010101 1237") == Self.finding(.chiNumber, "010101 1237", .certain))
        #expect(Self.only("CHI 010101 1238") == Self.finding(.chiNumber, "010101 1238", .likely))
    }

    @Test("the check digit follows the NHS Data Dictionary")
    func checkDigit() {
        let digits = { (text: String) in text.compactMap(\.wholeNumberValue) }
        #expect(NumberDetector.hasValidCheckDigit(digits("9434765919")))
        #expect(NumberDetector.hasValidCheckDigit(digits("0101011237")))
        #expect(!NumberDetector.hasValidCheckDigit(digits("9434765918")))
        // 1000000001: the sum is 10, 11 - 10 = 1. 1000000010: the sum is 12, 11 - 1 = 10, which no digit can be.
        #expect(NumberDetector.hasValidCheckDigit(digits("1000000001")))
        #expect(!NumberDetector.hasValidCheckDigit(digits("1000000010")))
        #expect(NumberDetector.isCHIDate(digits("2902841234")))
        #expect(!NumberDetector.isCHIDate(digits("2902851234")))
        #expect(!NumberDetector.isCHIDate(digits("9434765919")))
    }

    // MARK: National Insurance numbers

    @Test("National Insurance numbers that follow HMRC's rules are certain, in any case and spacing",
          arguments: ["AB 12 34 56 C", "AB123456C", "ab 12 34 56 c", "AB 123456 D", "ab123456a"])
    func nationalInsuranceStrict(_ number: String) {
        #expect(PrivacyGuard.scan("NI: \(number).") == [Self.finding(.nationalInsurance, number, .certain)])
    }

    @Test("the loose pass catches HMRC's invalid example, unused prefixes and missing suffixes as likely",
          arguments: ["QQ 12 34 56 A", "QQ123456A", "QQ 123456 A", "DA 12 34 56 C", "AO 12 34 56 B", "GB 12 34 56 A",
                      "AB 12 34 56", "ab123456"])
    func nationalInsuranceLoose(_ number: String) {
        #expect(PrivacyGuard.scan("NI: \(number).") == [Self.finding(.nationalInsurance, number, .likely)])
    }

    @Test("two lower-case words and three pairs of digits are not a National Insurance number",
          arguments: ["in 12 34 56", "AB 12 34 567", "AB 12 34 5", "ABC 12 34 56 A"])
    func notNationalInsurance(_ text: String) {
        #expect(PrivacyGuard.scan(text).filter { $0.kind == .nationalInsurance } == [])
    }

    // MARK: Postcodes

    @Test("postcodes of every outward shape, any case, space optional",
          arguments: ["LS11 5BZ", "ls115bz", "NE8 1HH", "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT",
                      "EC1A 1BB", "w1a 0ax", "GIR 0AA"])
    func postcodes(_ postcode: String) {
        #expect(PrivacyGuard.scan("Lives near \(postcode), by the park.") == [Self.finding(.postcode, postcode, .certain)])
    }

    @Test("partial postcodes and letters the rules forbid are not postcodes",
          arguments: ["the LS11 area", "SW1A", "QS1 1AA", "LS11 5CZ", "LS11 5BI", "AI1 1AA", "W1L 1AA", "LS11 5BZX",
                      "XLS11 5BZ", "BS-7KQ2-M9XD-4TPA"])
    func notPostcodes(_ text: String) {
        #expect(PrivacyGuard.scan(text) == [])
    }

    @Test("a road and an ordinal read like a postcode, and are flagged less surely")
    func roadOrdinal() {
        #expect(Self.only("off the M1 2nd exit") == Self.finding(.postcode, "M1 2nd", .likely))
    }

    // MARK: Phone numbers

    @Test("Ofcom's drama numbers in the ways people write them",
          arguments: ["07700 900123", "020 7946 0123", "0113 496 0456", "01632 960 789", "+44 7700 900 321",
                      "+44 (0)20 7946 0001", "(0113) 496 0000", "07700900123", "+447700900321", "0044 7700 900321",
                      "0113-496-0456", "+44 113 496 0456"])
    func phones(_ number: String) {
        #expect(PrivacyGuard.scan("Ring \(number) after 2pm.") == [Self.finding(.phone, number, .certain)])
    }

    @Test("0 and nine digits is a phone number too, less surely")
    func shortPhone() {
        #expect(Self.only("Ring 01632 96078") == Self.finding(.phone, "01632 96078", .likely))
        // Ten digits written whole, starting 0, with a wrong NHS check digit: a phone number, not an NHS number.
        #expect(Self.only("Ring 0770090012") == Self.finding(.phone, "0770090012", .likely))
    }

    @Test("a phone number is reported once, not also as an NHS number")
    func phoneNotNHS() {
        #expect(PrivacyGuard.scan("0113 496 0456 or 07700 900123").map(\.kind) == [.phone, .phone])
    }

    @Test("several numbers in one run are each found")
    func numbersInOneRun() {
        #expect(PrivacyGuard.scan("07700 900123 943 476 5919") == [
            Self.finding(.phone, "07700 900123", .certain), Self.finding(.nhsNumber, "943 476 5919", .certain),
        ])
    }

    @Test("short numbers and numbers dialled abroad are not UK phone numbers",
          arguments: ["999", "111", "0113 496", "07700 9001", "0033 1 99 00 00 00"])
    func notPhones(_ text: String) {
        #expect(PrivacyGuard.scan(text) == [])
    }

    // MARK: Email addresses

    @Test("email addresses, written or spelled out",
          arguments: ["jo.bloggs@example.com", "sam+team@example.org", "jo dot bloggs at example dot com",
                      "jo.bloggs (at) example (dot) org", "jo [at] example [dot] co [dot] uk", "jo at example dot com",
                      "JO (AT) EXAMPLE (DOT) ORG", "jo @ example.com", "jo {at} example.org"])
    func emails(_ address: String) {
        #expect(PrivacyGuard.scan("Email \(address), please.") == [Self.finding(.email, address, .certain)])
    }

    @Test("websites and the @ in a title are not email addresses",
          arguments: ["signposted to the charity at example.org", "the charity at example.org, joining the dots",
                      "the charity at example.org, dot to dot", "People @ the Heart", "we met at the library",
                      "jo@example", "a dot on the map"])
    func notEmails(_ text: String) {
        #expect(PrivacyGuard.scan(text) == [])
    }

    @Test("a postcode inside an email address is reported once, as the address")
    func postcodeInsideEmail() {
        #expect(Self.only("ls115bz@example.com") == Self.finding(.email, "ls115bz@example.com", .certain))
    }
}
