import Testing
@testable import BrightspotsCore

/// The scan goes straight to the places an identifier could start (before a run of digits, at a word's start, in
/// a line with a "dot" or an "@") rather than asking at every position. These pin the findings of the reading at
/// every position where the shortcuts could differ from it: identifiers at the ends of the text and of lines,
/// several to a line, inside each other, and context words lines away from a date. Made-up identifiers only.
@Suite("PrivacyGuard: scanning only where an identifier could start")
struct PrivacyScanSpeedupTests {
    typealias Expected = (kind: PrivacyFinding.Kind, text: String, line: Int, certainty: PrivacyFinding.Certainty)

    static func expect(_ text: String, _ expected: [Expected]) {
        let found = PrivacyGuard.scan(text)
        #expect(found == expected.map { PrivacyFinding(kind: $0.kind, text: $0.text, line: $0.line,
                                                       certainty: $0.certainty) }, "in \(text.debugDescription)")
    }

    @Test("the quick classification of common punctuation and Latin-1 letters agrees with Unicode's properties")
    func classification() {
        for value in UInt32(0x80)..<0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(PrivacyText.classifiesAsProperties(scalar), "U+\(String(value, radix: 16))")
        }
    }

    @Test("positions are scalars, however many UTF-8 bytes each takes")
    func decoding() {
        let text = PrivacyText("é٣\u{2019}😀 1\n2")
        #expect(text.count == 8)
        #expect(text.digitRunStarts == [5, 7])
        #expect(text.string(0..<4) == "é٣\u{2019}😀")
        #expect(text.line(of: 7) == 2)
        #expect(!text.isDigit(1) && text.isWord(1))
    }

    @Test("dates of birth: the context word on the date's line, two lines away, and too far")
    func datesOfBirth() {
        Self.expect("DOB 12 March 1984", [(.dateOfBirth, "12 March 1984", 1, .certain)])
        Self.expect("born on\n\n12/03/1984", [(.dateOfBirth, "12/03/1984", 3, .likely)])
        Self.expect("born\n\n\n12/03/1984", [])
        Self.expect("12th of Dec '84 born", [(.dateOfBirth, "12th of Dec '84", 1, .certain)])
        Self.expect("Her birthday is March 12th and she is aged seventy-two.",
                    [(.dateOfBirth, "March 12th", 1, .certain), (.age, "aged seventy-two", 1, .review)])
    }

    @Test("spelled-out addresses are read line by line, and literal ones wherever an @ is")
    func emails() {
        Self.expect("Email jo dot bloggs at example dot com\nand jo [at] example [dot] co [dot] uk",
                    [(.email, "jo dot bloggs at example dot com", 1, .certain),
                     (.email, "jo [at] example [dot] co [dot] uk", 2, .certain)])
        Self.expect("anecdote: reach us at example.org.uk\nor jo (at) example.net",
                    [(.email, "jo (at) example.net", 2, .certain)])
        Self.expect("x@example.com a@example.co.uk @ at",
                    [(.email, "x@example.com", 1, .certain), (.email, "a@example.co.uk", 1, .certain)])
    }

    @Test("the marks of addresses are the positions of their bytes and of \"dot\" in any case, as a filter of every byte's")
    func marks() {
        var random = SplitMix64(seed: 31)
        let pieces = ["d", "D", "do", "dot", "DoT", "dOt ", "adot", "@", "(", "[", "{", "<", " ", "\n", "é", "o", "t",
                      "dd", "ddot", "😀", "x"]
        for _ in 0..<2_000 {
            let source = (0..<Int.random(in: 0...40, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined()
            let text = PrivacyText(source)
            let every = text.positions(of: "d@([{<").filter { text.lower($0) != UInt8(ascii: "d") || text.matches("dot", at: $0) }
            #expect(text.positions(of: "@([{<", orWord: "dot") == every, "\(source.debugDescription)")
        }
        Self.expect("Reach JO DOT BLOGGS AT EXAMPLE DOT COM today",
                    [(.email, "JO DOT BLOGGS AT EXAMPLE DOT COM", 1, .certain)])
    }

    @Test("ages read only near their anchors are those read at every word, on random text of ages' pieces")
    func ageAnchors() {
        var random = SplitMix64(seed: 47)
        let pieces = ["aged", "Age", "age:", "of", "34", "7", "1234", "120", "121", "seventy", "Seventy-two", "-",
                      "twenty", "one", "nineteen", "year", "years", "YEAR", "yr", "yrs", "old", "olds", "-old", "month",
                      "weeks", "of age", "yo", "y/o", "y.o.", "y.o", "to", "and over", "or", "plus", "+", "\u{2013}",
                      "manage", "stage", "you", "yesterday", "é", " ", " ", " ", "  ", "\n", ".", ",", "£", "x",
                      "theseventy", "ageing", "week-old"]
        for _ in 0..<5_000 {
            let source = (0..<Int.random(in: 0...60, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined()
            let text = PrivacyText(source)
            #expect(AgeDetector.scan(text) == AgeDetector.scan(text, anchored: false), "\(source.debugDescription)")
        }
        // Ages as far from their anchors as they can be, and as near.
        for source in ["seventy-seven years old", "Seventy-seven-year-old", "aged 34", "34yo", "120 y/o",
                       "a seventy-year-old", "ninety-nine weeks old", "12 yrs of age"] {
            let text = PrivacyText(source)
            #expect(AgeDetector.scan(text).count == 1, "\(source)")
            #expect(AgeDetector.scan(text) == AgeDetector.scan(text, anchored: false), "\(source)")
        }
    }

    @Test("numbers, National Insurance numbers and postcodes, several to a line")
    func codes() {
        Self.expect("Call 0113 496 0000 or +44 (0)20 7946 0001, NHS 943 476 5919, CHI 010101 1237",
                    [(.phone, "0113 496 0000", 1, .certain), (.phone, "+44 (0)20 7946 0001", 1, .certain),
                     (.nhsNumber, "943 476 5919", 1, .certain), (.chiNumber, "010101 1237", 1, .certain)])
        Self.expect("£0113 496 0000 1.5 07700 900123 943 476 5919",
                    [(.phone, "07700 900123", 1, .certain), (.nhsNumber, "943 476 5919", 1, .certain)])
        Self.expect("QQ 12 34 56 C and ab123456c and AB123456",
                    [(.nationalInsurance, "QQ 12 34 56 C", 1, .likely), (.nationalInsurance, "ab123456c", 1, .certain),
                     (.nationalInsurance, "AB123456", 1, .likely)])
        Self.expect("SW1A 1AA, GIR 0AA, M1 2nd, sw1a1aa",
                    [(.postcode, "SW1A 1AA", 1, .certain), (.postcode, "GIR 0AA", 1, .certain),
                     (.postcode, "M1 2nd", 1, .likely), (.postcode, "sw1a1aa", 1, .certain)])
    }

    @Test("ages in digits and words, and ranges that are not ages")
    func ages() {
        Self.expect("a 34-year-old, aged 18 to 25, 25-year-olds, 34yo, twenty two years old, age: 34",
                    [(.age, "34-year-old", 1, .review), (.age, "34yo", 1, .review),
                     (.age, "twenty two years old", 1, .review), (.age, "age: 34", 1, .review)])
        Self.expect("9434765919aged 34", [])
    }
}
