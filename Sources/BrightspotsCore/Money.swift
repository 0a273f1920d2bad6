import Foundation

/// An exact amount in pounds. Arithmetic is exact (Decimal, never Double); rounding happens only for display,
/// to the penny, so totals are always computed from unrounded values.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var pounds: Decimal

    public init(_ pounds: Decimal) { self.pounds = pounds }

    public static let zero = Money(0)

    /// Parses "116.64", "£1,250" or "7276.42"; nil for anything else (including negatives, which callers reject).
    public init?(parsing text: String) {
        var digits = text.trimmingCharacters(in: .whitespaces)
        if digits.hasPrefix("£") { digits.removeFirst() }
        if digits.contains(",") {
            // Commas only between groups of three digits ("1,250.50"): "116,64" is a decimal comma, not £11,664.
            let whole = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            digits = digits.replacingOccurrences(of: ",", with: "")
        }
        guard let value = ExactNumber.parse(digits) else { return nil }
        self.init(value)
    }

    public static func + (lhs: Money, rhs: Money) -> Money {
        Money(DecimalStorage.sum(lhs.pounds, rhs.pounds, negating: false) ?? lhs.pounds + rhs.pounds)
    }
    public static func - (lhs: Money, rhs: Money) -> Money {
        Money(DecimalStorage.sum(lhs.pounds, rhs.pounds, negating: true) ?? lhs.pounds - rhs.pounds)
    }
    public static func * (lhs: Money, rhs: Decimal) -> Money { Money(lhs.pounds * rhs) }
    public static func += (lhs: inout Money, rhs: Money) { lhs = lhs + rhs }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.pounds < rhs.pounds }

    /// Rounded to the penny, half away from zero: the figure a person sees.
    public var roundedToPenny: Decimal { ExactNumber.round(pounds, scale: 2) }

    /// "1234.57" (for CSV and JSON).
    public var plain: String { ExactNumber.fixed(pounds, scale: 2) }

    /// "£1,234.57"; negative amounts "−£12.00".
    public var display: String {
        let (negative, digits) = ExactNumber.fixedParts(pounds, scale: 2, grouping: true)
        return (negative ? "−£" : "£") + digits
    }

    /// `parts` shares that add up to this amount exactly: every share but the last is the amount divided by
    /// `parts`, rounded to ten decimal places (half away from zero), and the last is what remains.
    public func shares(_ parts: Int) -> [Money] {
        precondition(parts > 0)
        if let shares = DecimalStorage.shares(pounds, parts: parts) { return shares.map(Money.init) }
        let share = Money(ExactNumber.round(pounds / Decimal(parts), scale: 10))
        return Array(repeating: share, count: parts - 1) + [self - share * Decimal(parts - 1)]
    }

    public var description: String { display }
}

/// Exact decimal helpers shared by money, counts, percentages and ratios.
public enum ExactNumber {
    /// Strictly ASCII digits with an optional single decimal point (no sign, exponent or spaces), and few enough
    /// digits to be held exactly.
    public static func parse(_ text: String) -> Decimal? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, text.unicodeScalars.count <= 30, parts.count <= 2,
              parts.allSatisfy({ $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }),
              !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty)) else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_GB"))
    }

    public static func round(_ value: Decimal, scale: Int) -> Decimal {
        if scale >= 0, let (negative, mantissa, exponent) = DecimalStorage.parts(value) {
            return DecimalStorage.round(negative: negative, mantissa: mantissa, exponent: exponent, scale: scale)
                ?? value
        }
        return foundationRound(value, scale: scale)
    }

    /// Foundation's rounding, half away from zero (`.plain`): what `round` gives for every value.
    static func foundationRound(_ value: Decimal, scale: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    /// A fixed-point string with exactly `scale` decimals, optionally with thousands separators.
    public static func fixed(_ value: Decimal, scale: Int, grouping: Bool = false) -> String {
        let (negative, digits) = fixedParts(value, scale: scale, grouping: grouping)
        return negative ? "-" + digits : digits
    }

    /// The value rounded to `scale` decimals, half away from zero: whether it is below zero once rounded, and its
    /// magnitude as fixed-point digits (grouped in thousands if asked). From the digits (in 64 bits where they fit,
    /// else in 128: a ratio from a division has all 38), through Foundation only if the scaled digits overflow.
    static func fixedParts(_ value: Decimal, scale: Int, grouping: Bool) -> (negative: Bool, digits: String) {
        if let (negative, mantissa, exponent) = DecimalStorage.parts(value),
           let (digits, nonzero) = DecimalStorage.fixed(mantissa: mantissa, exponent: exponent, scale: scale,
                                                        grouping: grouping) {
            return (negative && nonzero, digits)
        }
        if let (negative, mantissa, exponent) = DecimalStorage.wideParts(value),
           let (digits, nonzero) = DecimalStorage.fixed(mantissa: mantissa, exponent: exponent, scale: scale,
                                                        grouping: grouping) {
            return (negative && nonzero, digits)
        }
        return foundationFixedParts(value, scale: scale, grouping: grouping)
    }

    /// `fixedParts` through Foundation's rounding and text alone: for the values whose digits do not fit 64 bits.
    static func foundationFixedParts(_ value: Decimal, scale: Int, grouping: Bool) -> (negative: Bool, digits: String) {
        let rounded = foundationRound(value, scale: scale)
        let negative = rounded < 0
        var text = NSDecimalNumber(decimal: negative ? -rounded : rounded).stringValue
        var fraction = ""
        if let dot = text.firstIndex(of: ".") {
            fraction = String(text[text.index(after: dot)...])
            text = String(text[..<dot])
        }
        fraction += String(repeating: "0", count: max(0, scale - fraction.count))
        if grouping {
            var grouped = ""
            for (index, character) in text.reversed().enumerated() {
                if index > 0 && index % 3 == 0 { grouped.append(",") }
                grouped.append(character)
            }
            text = String(grouped.reversed())
        }
        return (negative, text + (scale > 0 ? "." + fraction : ""))
    }

    /// Without trailing zeros: 3 → "3", 1.50 → "1.5". The same text as `NSDecimalNumber.stringValue`, made from
    /// the digits directly where they fit 64 bits: Foundation's conversion took 6-10 µs a figure, and the ROI
    /// tallies write tens of thousands of figures.
    public static func plain(_ value: Decimal) -> String {
        guard let (negative, mantissa, exponent) = DecimalStorage.parts(value) else {
            return NSDecimalNumber(decimal: value).stringValue
        }
        return DecimalStorage.text(negative: negative, mantissa: mantissa, exponent: exponent)
    }
}

/// A `Decimal`'s sign, digits and exponent, read from its storage (swift-foundation keeps the fields internal):
/// byte 0 the exponent, byte 1 the length in 16-bit words (high four bits) and the sign (bit 3), then the words
/// from byte 4, least significant first. The reading is checked against Foundation's own text for known values
/// before it is ever used; if a Foundation release lays `Decimal` out otherwise, every figure goes through
/// Foundation as before.
enum DecimalStorage {
    static func parts(_ value: Decimal) -> (negative: Bool, mantissa: UInt64, exponent: Int)? {
        guard understood else { return nil }
        return read(value, as: UInt64.self)
    }

    /// `parts` for every `Decimal`: its mantissa (eight 16-bit words at most) always fits 128 bits.
    static func wideParts(_ value: Decimal) -> (negative: Bool, mantissa: UInt128, exponent: Int)? {
        guard understood else { return nil }
        return read(value, as: UInt128.self)
    }

    private static func read<Digits: FixedWidthInteger & UnsignedInteger>(_ value: Decimal, as: Digits.Type)
        -> (negative: Bool, mantissa: Digits, exponent: Int)? {
        guard !value.isNaN, MemoryLayout<Decimal>.size == 20 else { return nil }
        return withUnsafeBytes(of: value) { raw -> (Bool, Digits, Int)? in
            let length = Int(raw[1] >> 4)
            guard length <= 8, 16 * length <= Digits.bitWidth else { return nil }
            var mantissa: Digits = 0
            for word in 0..<length {
                mantissa |= Digits(raw[4 + 2 * word]) << (16 * word) | Digits(raw[5 + 2 * word]) << (16 * word + 8)
            }
            return (raw[1] & 0x08 != 0, mantissa, Int(Int8(bitPattern: raw[0])))
        }
    }

    /// How many decimal digits `Digits.max` has (20 for 64 bits, 39 for 128): a mantissa is below 2 × 10^(that
    /// less one), so dropping that many digits or more leaves less than half a unit.
    private static func digitCount<Digits: FixedWidthInteger>(_: Digits.Type) -> Int { Digits.bitWidth * 30_103 / 100_000 + 1 }

    /// `lhs` plus `rhs` (minus it, `negating`), exactly, from the digits: both on the smaller exponent, added or
    /// subtracted in 64 bits. Foundation's addition was most of what summing the ROI tallies cost. Nil when
    /// either does not fit 64 bits or the sum overflows; the caller then adds through Foundation.
    static func sum(_ lhs: Decimal, _ rhs: Decimal, negating: Bool) -> Decimal? {
        guard let (leftNegative, leftDigits, leftExponent) = parts(lhs),
              let (rightSign, rightDigits, rightExponent) = parts(rhs) else { return nil }
        let rightNegative = negating ? !rightSign : rightSign
        let exponent = min(leftExponent, rightExponent)
        guard let left = raised(leftDigits, by: leftExponent - exponent),
              let right = raised(rightDigits, by: rightExponent - exponent) else { return nil }
        let negative: Bool
        let magnitude: UInt64
        if leftNegative == rightNegative {
            let (total, overflow) = left.addingReportingOverflow(right)
            guard !overflow else { return nil }
            (negative, magnitude) = (leftNegative, total)
        } else if left >= right {
            (negative, magnitude) = (leftNegative, left - right)
        } else {
            (negative, magnitude) = (rightNegative, right - left)
        }
        guard magnitude != 0 else { return Decimal.zero }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(magnitude))
    }

    /// `digits` × 10^`places`; nil on overflow.
    private static func raised<Digits: FixedWidthInteger & UnsignedInteger>(_ digits: Digits, by places: Int) -> Digits? {
        var value = digits
        for _ in 0..<places {
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = product
        }
        return value
    }

    /// The value rounded to `scale` decimals, half away from zero as `NSDecimalRound(.plain)` rounds, by integer
    /// division of the digits: Foundation divides digit by digit, and the ROI figures round every amount they show.
    /// Nil when the value has no more than `scale` decimals (it is its own rounding).
    static func round(negative: Bool, mantissa: UInt64, exponent: Int, scale: Int) -> Decimal? {
        guard exponent < -scale else { return nil }
        let drop = -scale - exponent
        // A 64-bit mantissa is below 2 × 10^19, so dropping twenty digits or more leaves less than half a unit.
        guard drop < 20 else { return Decimal.zero }
        var divisor: UInt64 = 1
        for _ in 0..<drop { divisor *= 10 }
        var quotient = mantissa / divisor
        let remainder = mantissa % divisor
        if remainder >= divisor - remainder { quotient += 1 }
        guard quotient != 0 else { return Decimal.zero }
        return Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: Decimal(quotient))
    }

    /// The magnitude `mantissa` × 10^`exponent` rounded to `scale` decimals, half away from zero, as digits with
    /// exactly `scale` of them after the point (and thousands separators if asked), and whether the rounded value is
    /// not zero (a negative value that rounds to zero is written without a sign). What `ExactNumber.fixed` makes
    /// through Foundation, from the digits at once: formatting figures was most of what the ROI downloads and boxes
    /// cost. Nil when the scaled digits do not fit 64 bits.
    static func fixed<Digits: FixedWidthInteger & UnsignedInteger>(mantissa: Digits, exponent: Int, scale: Int,
                                                                  grouping: Bool) -> (String, nonzero: Bool)? {
        guard (0...19).contains(scale), let units = scaled(mantissa, exponent: exponent, scale: scale) else { return nil }
        var digits = Array(String(units).utf8)
        if digits.count <= scale { digits = Array(repeating: UInt8(ascii: "0"), count: scale + 1 - digits.count) + digits }
        let whole = digits.count - scale
        var text: [UInt8] = []
        text.reserveCapacity(digits.count + whole / 3 + 1)
        for index in 0..<whole {
            if grouping, index > 0, (whole - index) % 3 == 0 { text.append(UInt8(ascii: ",")) }
            text.append(digits[index])
        }
        if scale > 0 {
            text.append(UInt8(ascii: "."))
            text += digits[whole...]
        }
        return (String(decoding: text, as: UTF8.self), units != 0)
    }

    /// `mantissa` × 10^`exponent` in units of 10^-`scale`, rounded half away from zero; nil on overflow.
    static func scaled<Digits: FixedWidthInteger & UnsignedInteger>(_ mantissa: Digits, exponent: Int,
                                                                    scale: Int) -> Digits? {
        let shift = exponent + scale
        let digits = digitCount(Digits.self)
        if shift >= 0 {
            guard shift < digits || mantissa == 0 else { return nil }
            return raised(mantissa, by: shift)
        }
        guard -shift < digits else { return 0 }
        var divisor: Digits = 1
        for _ in 0..<(-shift) { divisor *= 10 }
        let remainder = mantissa % divisor
        return mantissa / divisor + (remainder >= divisor - remainder ? 1 : 0)
    }

    /// What `Money.shares` gives, worked out on the digits: the amount in units of 10^-10, divided with the
    /// remainder rounded half away from zero, the last share taking what is left. Foundation's division was a
    /// microsecond a figure, and every entry's ROI is shared out among its tags and its principles for the tallies.
    /// Nil when the amount has more than ten decimals or its units do not fit 64 bits.
    static func shares(_ value: Decimal, parts: Int) -> [Decimal]? {
        guard parts > 0, let (negative, mantissa, exponent) = Self.parts(value), exponent >= -10,
              let units = scaled(mantissa, exponent: exponent, scale: 10), units <= UInt64(Int64.max) else { return nil }
        let count = UInt64(parts)
        let remainder = units % count
        let share = units / count + (remainder >= count - remainder ? 1 : 0)
        // What remains for the last share; negative (opposite in sign to the amount) when rounding up overshot.
        let (given, overflow) = share.multipliedReportingOverflow(by: count - 1)
        guard !overflow, given <= UInt64(Int64.max) else { return nil }
        let last = Int64(units) - Int64(given)
        func decimal(_ units: UInt64, negative: Bool) -> Decimal {
            units == 0 ? Decimal.zero
                : Decimal(sign: negative ? .minus : .plus, exponent: -10, significand: Decimal(units))
        }
        let first = decimal(share, negative: negative)
        return Array(repeating: first, count: parts - 1)
            + [decimal(last.magnitude, negative: last < 0 ? !negative : negative)]
    }

    /// Digits with the point placed and trailing fractional zeros dropped, as Foundation writes them.
    static func text(negative: Bool, mantissa: UInt64, exponent: Int) -> String {
        var mantissa = mantissa
        var exponent = exponent
        guard mantissa != 0 else { return "0" }
        while exponent < 0, mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        var digits = String(mantissa)
        if exponent > 0 {
            digits += String(repeating: "0", count: exponent)
        } else if exponent < 0 {
            let places = -exponent
            let count = digits.utf8.count
            if count <= places {
                digits = "0." + String(repeating: "0", count: places - count) + digits
            } else {
                digits.insert(".", at: digits.utf8.index(digits.utf8.startIndex, offsetBy: count - places))
            }
        }
        return negative ? "-" + digits : digits
    }

    /// Whether reading the storage gives Foundation's text for values of every shape: signs, zero, exponents
    /// both ways, one to four words, and a value too long to read in 64 bits (which must be refused); and, in 128
    /// bits, Foundation's fixed-point digits for values of five to eight words.
    static let understood: Bool = {
        let samples = ["0", "1", "-1", "7", "123.45", "-123.45", "0.001", "-0.5", "1e3", "-2.5e7", "65535", "65536",
                       "4294967296", "-98765.4321", "18446744073709551615", "1234567890.123456789"]
        for sample in samples {
            guard let value = Decimal(string: sample, locale: Locale(identifier: "en_GB")),
                  let (negative, mantissa, exponent) = read(value, as: UInt64.self),
                  text(negative: negative, mantissa: mantissa, exponent: exponent)
                    == NSDecimalNumber(decimal: value).stringValue else { return false }
        }
        guard let long = Decimal(string: "18446744073709551616"), read(long, as: UInt64.self) == nil else { return false }
        // And in 128 bits, for values of five to eight words.
        for sample in ["18446744073709551616", "-1234567890123456789012345678901234567.8", "0.12345678901234567890123456789012345678"] {
            guard let value = Decimal(string: sample, locale: Locale(identifier: "en_GB")),
                  let (negative, mantissa, exponent) = read(value, as: UInt128.self),
                  let (digits, _) = fixed(mantissa: mantissa, exponent: exponent, scale: 2, grouping: false),
                  ExactNumber.foundationFixedParts(value, scale: 2, grouping: false) == (negative, digits) else {
                return false
            }
        }
        return true
    }()
}
