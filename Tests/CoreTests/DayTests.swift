import Testing
@testable import BrightspotsCore

@Suite("Day and Month")
struct DayTests {
    @Test("valid days", arguments: [
        ("2026-09-14", 2026, 9, 14), ("2024-02-29", 2024, 2, 29), ("2000-02-29", 2000, 2, 29),
        ("2026-12-31", 2026, 12, 31), ("0001-01-01", 1, 1, 1), ("2026-04-30", 2026, 4, 30),
    ])
    func validDays(text: String, year: Int, month: Int, day: Int) throws {
        let parsed = try #require(Day(text))
        #expect(parsed.year == year)
        #expect(parsed.month == month)
        #expect(parsed.day == day)
        #expect(parsed.description == text)
        #expect(Day(year: year, month: month, day: day) == parsed)
    }

    @Test("invalid days", arguments: [
        "2026-02-29", "1900-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
        "0000-01-01", "2026-9-14", "26-09-14", "14/09/2026", "2026-09-14T00:00:00Z", "2026-09", "", "2026-09-1a",
        "+026-09-14", "２０２６-09-14", "2026-09-14 ",
    ])
    func invalidDays(text: String) {
        #expect(Day(text) == nil)
    }

    @Test("formats")
    func formats() throws {
        let day = try #require(Day("2026-09-14"))
        #expect(day.longForm == "14 September 2026")
        #expect(day.timestamp == "2026-09-14T00:00:00Z")
        #expect(try #require(Day("2026-01-05")).longForm == "5 January 2026")
        #expect(Day(year: 42, month: 3, day: 7)?.description == "0042-03-07")
        #expect(day.monthOfYear == Month(year: 2026, month: 9))
    }

    @Test("ordering")
    func ordering() throws {
        let days = ["2026-09-14", "2025-12-31", "2026-01-01", "2026-09-13"].compactMap(Day.init)
        #expect(days.sorted().map(\.description) == ["2025-12-31", "2026-01-01", "2026-09-13", "2026-09-14"])
        #expect(try #require(Month("2025-12")) < #require(Month("2026-01")))
    }

    @Test("months parse strictly")
    func months() throws {
        let month = try #require(Month("2026-09"))
        #expect(month.year == 2026)
        #expect(month.month == 9)
        #expect(month.description == "2026-09")
        #expect(month.longForm == "September 2026")
        #expect(Month("2026-12")?.longForm == "December 2026")
        for bad in ["2026-13", "2026-00", "2026-9", "2026-09-01", "September 2026", "", "0000-01"] {
            #expect(Month(bad) == nil, "\(bad)")
        }
    }
}
