import Foundation
import Testing
@testable import BrightspotsCore

@Suite("Money and ExactNumber")
struct MoneyTests {
    static func dec(_ text: String) -> Decimal { ROIFixtures.dec(text) }
    static func money(_ text: String) -> Money { ROIFixtures.money(text) }

    // MARK: Display

    @Test("display rounds to the penny, groups thousands and writes negatives with a minus sign", arguments: [
        ("0", "£0.00"),
        ("0.1", "£0.10"),
        ("12", "£12.00"),
        ("116.64", "£116.64"),
        ("999.995", "£1,000.00"),
        ("8605.34", "£8,605.34"),
        ("2151.335", "£2,151.34"),
        ("298.2825", "£298.28"),
        ("198.2825", "£198.28"),
        ("1234567.891", "£1,234,567.89"),
        ("100000", "£100,000.00"),
        ("-12", "−£12.00"),
        ("-1234.567", "−£1,234.57"),
        ("-0.004", "£0.00"),
        ("-0.005", "−£0.01"),
    ])
    func display(pounds: String, expected: String) {
        #expect(Self.money(pounds).display == expected)
        #expect(Self.money(pounds).description == expected)
    }

    @Test("the minus sign of a negative display is U+2212, not a hyphen")
    func minusSign() {
        let display = Self.money("-12").display
        #expect(display.unicodeScalars.first == "\u{2212}")
        #expect(!display.contains("-"))
    }

    @Test("plain is for CSV and JSON: no symbol, no grouping, two decimals", arguments: [
        ("1234.567", "1234.57"),
        ("1234.565", "1234.57"),
        ("1234.564", "1234.56"),
        ("8605.34", "8605.34"),
        ("0", "0.00"),
        ("7", "7.00"),
        ("1234567.8", "1234567.80"),
        ("-1234.567", "-1234.57"),
    ])
    func plain(pounds: String, expected: String) {
        #expect(Self.money(pounds).plain == expected)
    }

    @Test("rounding is half away from zero and exact (no binary floating point)", arguments: [
        ("0.005", "0.01"),
        ("0.004", "0"),
        ("0.015", "0.02"),
        ("0.025", "0.03"),   // banker's rounding would give 0.02
        ("2.675", "2.68"),   // as a Double 2.675 is 2.67499999…, which would round to 2.67
        ("1.005", "1.01"),   // as a Double 1.00499999…
        ("0.335", "0.34"),
        ("-0.005", "-0.01"),
        ("-2.675", "-2.68"),
        ("0.125", "0.13"),
    ])
    func halfAwayFromZero(pounds: String, expected: String) {
        #expect(Self.money(pounds).roundedToPenny == Self.dec(expected))
    }

    @Test("rounding does not change the amount itself")
    func roundingLeavesAmount() {
        let amount = Self.money("2.675")
        #expect(amount.display == "£2.68")
        #expect(amount.pounds == Self.dec("2.675"))
        #expect(amount + amount == Self.money("5.35"))
    }

    // MARK: Arithmetic

    @Test("arithmetic is exact")
    func arithmetic() {
        // 0.1 + 0.2 is exactly 0.3 in Decimal (not 0.30000000000000004 as with Double).
        #expect(Self.money("0.1") + Self.money("0.2") == Self.money("0.3"))
        #expect(Self.money("116.64") * 3 == Self.money("349.92"))
        #expect(Self.money("222.75") * 2 == Self.money("445.50"))
        #expect(Self.money("8605.34") * Self.dec("0.25") == Self.money("2151.335"))
        #expect(Self.money("100") - Self.money("298.2825") == Self.money("-198.2825"))
        var total = Money.zero
        for _ in 0..<10 { total += Self.money("0.1") }
        #expect(total == Self.money("1"))
        #expect(Self.money("1.5") < Self.money("1.51"))
        #expect(!(Self.money("-1") > Self.money("0")))
    }

    // MARK: Parsing

    @Test("amounts in pounds are parsed exactly", arguments: [
        ("116.64", "116.64"),
        ("£1,250", "1250"),
        ("£1,250.50", "1250.50"),
        ("7276.42", "7276.42"),
        ("  42  ", "42"),
        ("0", "0"),
        ("0.01", "0.01"),
        ("1234567.89", "1234567.89"),
    ])
    func parsing(text: String, expected: String) throws {
        let parsed = try #require(Money(parsing: text))
        #expect(parsed.pounds == Self.dec(expected))
    }

    @Test("anything that is not a plain amount is rejected", arguments: [
        "", "£", "£abc", "abc", "-5", "−5", "+5", "1e3", "1.2.3", ".", "12 34", "£ -3", "0x10", "NaN", "five",
    ])
    func rejected(text: String) {
        #expect(Money(parsing: text) == nil)
    }

    @Test("commas are accepted as thousands separators", arguments: [
        ("£1,250", "1250"), ("1,234,567.89", "1234567.89"), ("12,345.6", "12345.6"), ("999", "999"),
    ])
    func thousandsSeparators(text: String, expected: String) throws {
        #expect(try #require(Money(parsing: text)).pounds == Self.dec(expected))
    }

    @Test("a comma anywhere but between groups of three digits is rejected, not dropped", arguments: [
        // "116,64" is how much of Europe writes £116.64; read by dropping the comma it becomes £11,664.
        "116,64", "1,25", "1,2,3", ",100", "100,", "1,2345", "12,34,567",
    ])
    func misplacedComma(text: String) {
        #expect(Money(parsing: text) == nil, "\(text) was read as \(Money(parsing: text)?.display ?? "")")
    }

    // MARK: ExactNumber

    @Test("ExactNumber.parse accepts digits with one optional point only", arguments: [
        ("3", "3"), ("1.5", "1.5"), ("0.25", "0.25"), ("100", "100"), ("007", "7"),
    ])
    func exactParse(text: String, expected: String) {
        #expect(ExactNumber.parse(text) == Self.dec(expected))
    }

    @Test("ExactNumber.parse rejects signs, exponents, spaces and empty text", arguments: [
        "", ".", "-2", "+2", "1e2", " 1", "1 ", "1,000", "three", "1..2", "1.2.3",
    ])
    func exactParseRejects(text: String) {
        #expect(ExactNumber.parse(text) == nil)
    }

    @Test("ExactNumber.parse rejects a digit carrying a combining mark instead of reading only the digit", arguments: [
        "1\u{301}00",        // 1 with a combining acute accent, then 00
        "3\u{FE0F}\u{20E3}", // the keycap emoji 3️⃣
        "5\u{0336}0",        // a struck-through 5, then 0
    ])
    func combiningMarks(text: String) {
        #expect(ExactNumber.parse(text) == nil, "read as \(ExactNumber.parse(text).map(ExactNumber.plain) ?? "")")
        #expect(Money(parsing: text) == nil)
    }

    @Test("ExactNumber.fixed pads, rounds and groups", arguments: [
        ("2.982825", 2, false, "2.98"),
        ("2.985", 2, false, "2.99"),
        ("3", 2, false, "3.00"),
        ("0", 1, false, "0.0"),
        ("1234567.5", 0, true, "1,234,568"),
        ("999", 2, true, "999.00"),
        ("1000", 2, true, "1,000.00"),
        ("-1234.5", 2, true, "-1,234.50"),
        ("0.0001", 3, false, "0.000"),
    ])
    func fixed(value: String, scale: Int, grouping: Bool, expected: String) {
        #expect(ExactNumber.fixed(Self.dec(value), scale: scale, grouping: grouping) == expected)
    }

    @Test("ExactNumber.plain drops trailing zeros")
    func plainNumber() {
        #expect(ExactNumber.plain(3) == "3")
        #expect(ExactNumber.plain(Self.dec("1.50")) == "1.5")
        #expect(ExactNumber.plain(Self.dec("0.25")) == "0.25")
        #expect(ExactNumber.plain(Self.dec("2151.335")) == "2151.335")
    }
}

@Suite("Decimal text from its storage")
struct DecimalTextTests {
    @Test("the storage is understood on this platform, so the fast path is the one in use")
    func understood() {
        #expect(DecimalStorage.understood)
        #expect(DecimalStorage.parts(Decimal(string: "-12.5")!)! == (true, 125, -1))
    }

    @Test("ExactNumber.plain writes what NSDecimalNumber writes, for random figures of every shape")
    func sameAsFoundation() {
        var random = SplitMix64(seed: 11)
        var compared = 0
        for round in 0..<20_000 {
            var value: Decimal
            switch round % 5 {
            case 0: value = Decimal(Int64.random(in: -10_000_000_000...10_000_000_000, using: &random)) / 100
            case 1: value = Decimal(Int.random(in: 0...100, using: &random))
            case 2: value = Decimal(sign: Bool.random(using: &random) ? .minus : .plus,
                                    exponent: Int.random(in: -30...30, using: &random),
                                    significand: Decimal(UInt64.random(in: 0...UInt64.max, using: &random)))
            case 3: value = Decimal(string: "\(Int.random(in: 0...999, using: &random)).\(Int.random(in: 0...99_999, using: &random))e\(Int.random(in: -20...20, using: &random))")!
            default:
                // Long division leaves all 38 digits: too long to read, so Foundation writes it.
                value = Decimal(Int64.random(in: 1...1_000_000, using: &random)) / Decimal(7) * Decimal(string: "1.0375")!
            }
            #expect(ExactNumber.plain(value) == NSDecimalNumber(decimal: value).stringValue, "\(value)")
            let rounded = ExactNumber.round(value, scale: 2)
            #expect(ExactNumber.plain(rounded) == NSDecimalNumber(decimal: rounded).stringValue, "\(rounded)")
            compared += 2
        }
        #expect(compared == 40_000)
    }

    @Test("ExactNumber.round gives what NSDecimalRound gives, half away from zero, for random figures and scales")
    func roundsAsFoundation() {
        var random = SplitMix64(seed: 12)
        var fast = 0
        for round in 0..<30_000 {
            let value: Decimal
            switch round % 4 {
            case 0: value = Decimal(Int64.random(in: -10_000_000_000...10_000_000_000, using: &random)) / 1000
            case 1: value = Decimal(sign: Bool.random(using: &random) ? .minus : .plus,
                                    exponent: Int.random(in: -30...5, using: &random),
                                    significand: Decimal(UInt64.random(in: 0...UInt64.max, using: &random)))
            case 2:
                // Ties: a 5 in the first dropped place, with and without more digits after it.
                let whole = Int64.random(in: -99_999...99_999, using: &random)
                value = Decimal(string: "\(whole).\(Int.random(in: 0...99, using: &random))5\(Bool.random(using: &random) ? "" : "01")")!
            default:
                value = Decimal(Int64.random(in: 1...1_000_000, using: &random)) / Decimal(7) * Decimal(string: "1.0375")!
            }
            let scale = Int.random(in: 0...12, using: &random)
            if DecimalStorage.parts(value) != nil { fast += 1 }
            let expected = ExactNumber.foundationRound(value, scale: scale)
            let rounded = ExactNumber.round(value, scale: scale)
            #expect(rounded == expected, "\(value) to \(scale): \(rounded), not \(expected)")
            #expect(ExactNumber.plain(rounded) == ExactNumber.plain(expected))
            #expect(ExactNumber.fixed(value, scale: 2, grouping: true) == ExactNumber.fixed(expected, scale: 2, grouping: true)
                    || scale != 2)
        }
        #expect(fast > 20_000)
        #expect(ExactNumber.round(Decimal(string: "-2.5")!, scale: 0) == -3)
        #expect(ExactNumber.round(Decimal(string: "2.5")!, scale: 0) == 3)
        #expect(ExactNumber.round(Decimal(string: "-0.004")!, scale: 2) == 0)
    }
}

@Suite("Figures and shares from a Decimal's digits, against Foundation")
struct DecimalDigitsTests {
    /// `Money.shares` through Foundation's division.
    static func foundationShares(_ money: Money, _ parts: Int) -> [Money] {
        let share = Money(ExactNumber.foundationRound(money.pounds / Decimal(parts), scale: 10))
        return Array(repeating: share, count: parts - 1) + [money - share * Decimal(parts - 1)]
    }

    static func randomValue(_ random: inout SplitMix64, _ round: Int) -> Decimal {
        let sign: FloatingPointSign = Bool.random(using: &random) ? .minus : .plus
        switch round % 6 {
        case 0: return Decimal(Int64.random(in: -10_000_000_000...10_000_000_000, using: &random)) / 100
        case 1: return Decimal(sign: sign, exponent: Int.random(in: -25...6, using: &random),
                               significand: Decimal(UInt64.random(in: 0...UInt64.max, using: &random)))
        case 2:
            // Ties: a 5 in the first dropped place of a penny or of a tenth of a billionth.
            let whole = Int64.random(in: -99_999...99_999, using: &random)
            let places = Bool.random(using: &random) ? 2 : 10
            let fraction = (0..<places).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
            return Decimal(string: "\(whole).\(fraction)5")!
        case 3: return Decimal(sign: sign, exponent: -10, significand: Decimal(UInt64.random(in: 0...UInt64(Int64.max), using: &random)))
        case 4: return Decimal(Int.random(in: -3...3, using: &random))
        default:
            // Long division leaves all 38 digits: too long to read, so Foundation works it out.
            return Decimal(Int64.random(in: 1...1_000_000, using: &random)) / Decimal(7) * Decimal(string: "1.0375")!
        }
    }

    /// `ExactNumber.fixed` through Foundation alone.
    static func foundationFixed(_ value: Decimal, scale: Int, grouping: Bool) -> String {
        let (negative, digits) = ExactNumber.foundationFixedParts(value, scale: scale, grouping: grouping)
        return negative ? "-" + digits : digits
    }

    @Test("ExactNumber.fixed and Money.display write what Foundation's rounding and text give, for random figures")
    func fixedAsFoundation() {
        var random = SplitMix64(seed: 21)
        var fast = 0
        for round in 0..<30_000 {
            let value = Self.randomValue(&random, round)
            let scale = Int.random(in: 0...12, using: &random)
            let grouping = Bool.random(using: &random)
            if let (_, mantissa, exponent) = DecimalStorage.parts(value),
               DecimalStorage.fixed(mantissa: mantissa, exponent: exponent, scale: scale, grouping: grouping) != nil {
                fast += 1
            }
            let expected = Self.foundationFixed(value, scale: scale, grouping: grouping)
            #expect(ExactNumber.fixed(value, scale: scale, grouping: grouping) == expected, "\(value) to \(scale)")
            let rounded = ExactNumber.foundationRound(value, scale: 2)
            let display = (rounded < 0 ? "−£" : "£") + Self.foundationFixed(rounded < 0 ? -rounded : rounded, scale: 2, grouping: true)
            #expect(Money(value).display == display, "\(value)")
            #expect(Money(value).plain == Self.foundationFixed(value, scale: 2, grouping: false), "\(value)")
        }
        #expect(fast > 20_000)
        #expect(Money(Decimal(string: "-0.004")!).display == "£0.00")
        #expect(ExactNumber.fixed(Decimal(string: "-0.004")!, scale: 2) == "0.00")
        #expect(ExactNumber.fixed(Decimal(string: "-1234567.125")!, scale: 2, grouping: true) == "-1,234,567.13")
    }

    @Test("Money's sums and differences are Foundation's, for random amounts of every shape")
    func sumsAsFoundation() {
        var random = SplitMix64(seed: 23)
        var fast = 0
        for round in 0..<30_000 {
            let left = Self.randomValue(&random, round)
            let right = Self.randomValue(&random, Int.random(in: 0...5, using: &random))
            if DecimalStorage.sum(left, right, negating: false) != nil { fast += 1 }
            let sum = (Money(left) + Money(right)).pounds
            let difference = (Money(left) - Money(right)).pounds
            #expect(sum == left + right, "\(left) + \(right)")
            #expect(difference == left - right, "\(left) - \(right)")
            #expect(ExactNumber.plain(sum) == NSDecimalNumber(decimal: left + right).stringValue)
            #expect(ExactNumber.plain(difference) == NSDecimalNumber(decimal: left - right).stringValue)
        }
        #expect(fast > 15_000)
        let penny = Decimal(string: "0.01")!
        #expect((Money(penny) - Money(penny)).pounds == 0)
        #expect((Money(-penny) + Money(3 * penny)).pounds == 2 * penny)
        #expect((Money(Decimal(UInt64.max)) + Money(1)).pounds == Decimal(UInt64.max) + 1)
    }

    @Test("Money.shares gives Foundation's shares, which add back to the amount, for random amounts and parts")
    func sharesAsFoundation() {
        var random = SplitMix64(seed: 22)
        var fast = 0
        for round in 0..<30_000 {
            let money = Money(Self.randomValue(&random, round))
            let parts = Int.random(in: 1...9, using: &random)
            if DecimalStorage.shares(money.pounds, parts: parts) != nil { fast += 1 }
            let shares = money.shares(parts)
            #expect(shares == Self.foundationShares(money, parts), "\(money.pounds) in \(parts)")
            #expect(shares.reduce(Money.zero, +) == money, "\(money.pounds) in \(parts)")
        }
        #expect(fast > 15_000)
        // Rounding up can overshoot: the last share is then of the other sign.
        let tenth = Decimal(string: "0.0000000001")!
        #expect(Money(3 * tenth).shares(5).map(\.pounds) == [tenth, tenth, tenth, tenth, -tenth])
        #expect(Money(-3 * tenth).shares(5).map(\.pounds) == [-tenth, -tenth, -tenth, -tenth, tenth])
        #expect(Money(5 * tenth).shares(6).map(\.pounds) == Array(repeating: tenth, count: 5) + [0])
    }
}
