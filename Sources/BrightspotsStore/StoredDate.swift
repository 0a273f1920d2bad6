import Foundation

/// Dates in the database: seconds since Foundation's reference date, so they round-trip exactly.
/// (Unix time would add 978,307,200 s and lose the last bits of a Double.)
extension Date {
    var storedValue: Double { timeIntervalSinceReferenceDate }
    init(storedValue: Double) { self.init(timeIntervalSinceReferenceDate: storedValue) }
}

/// A row the store cannot read back: written by a newer version, or edited by hand.
public struct UnreadableRow: Error, CustomStringConvertible, Sendable {
    public var table: String
    public var column: String
    public var value: String

    public var description: String { "the \(table) table holds \(value) in \(column), which this version cannot read." }
}
