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

    public static func + (lhs: Money, rhs: Money) -> Money { Money(lhs.pounds + rhs.pounds) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(lhs.pounds - rhs.pounds) }
    public static func * (lhs: Money, rhs: Decimal) -> Money { Money(lhs.pounds * rhs) }
    public static func += (lhs: inout Money, rhs: Money) { lhs = lhs + rhs }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.pounds < rhs.pounds }

    /// Rounded to the penny, half away from zero: the figure a person sees.
    public var roundedToPenny: Decimal { ExactNumber.round(pounds, scale: 2) }

    /// "1234.57" (for CSV and JSON).
    public var plain: String { ExactNumber.fixed(roundedToPenny, scale: 2) }

    /// "£1,234.57"; negative amounts "−£12.00".
    public var display: String {
        let rounded = roundedToPenny
        let text = ExactNumber.fixed(rounded < 0 ? -rounded : rounded, scale: 2, grouping: true)
        return (rounded < 0 ? "−£" : "£") + text
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
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    /// A fixed-point string with exactly `scale` decimals, optionally with thousands separators.
    public static func fixed(_ value: Decimal, scale: Int, grouping: Bool = false) -> String {
        let rounded = round(value, scale: scale)
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
        return (negative ? "-" : "") + text + (scale > 0 ? "." + fraction : "")
    }

    /// Without trailing zeros: 3 → "3", 1.50 → "1.5".
    public static func plain(_ value: Decimal) -> String { NSDecimalNumber(decimal: value).stringValue }
}
