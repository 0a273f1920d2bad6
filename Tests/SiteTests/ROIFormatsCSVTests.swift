@testable import BrightspotsSite
import Foundation
import Testing

@Suite("ROI CSV fields")
struct ROIFormatsCSVTests {
    @Test("text a spreadsheet would run as a formula gets an apostrophe; negative figures do not")
    func formulas() {
        #expect(ROIFormats.csvField("=SUM(A1:A9)") == "'=SUM(A1:A9)")
        #expect(ROIFormats.csvField("+44 1632 960000") == "'+44 1632 960000")
        #expect(ROIFormats.csvField("@home") == "'@home")
        #expect(ROIFormats.csvField("-cmd") == "'-cmd")
        #expect(ROIFormats.csvField("-1234.56") == "-1234.56")
        #expect(ROIFormats.csvField("-0.5") == "-0.5")
        #expect(ROIFormats.csvField("-") == "'-")
        // A figure at the start does not make the rest safe.
        #expect(ROIFormats.csvField("-2+3+cmd|' /C calc'!A0") == "'-2+3+cmd|' /C calc'!A0")
        #expect(ROIFormats.csvField("+1-1") == "'+1-1")
        #expect(ROIFormats.csvField("Say \"hi\", then") == "\"Say \"\"hi\"\", then\"")
    }

    @Test("a field holding a comma, a quote or any line break is quoted, a Windows line break too")
    func quoting() {
        #expect(ROIFormats.csvField("plain text") == "plain text")
        #expect(ROIFormats.csvField("a,b") == "\"a,b\"")
        #expect(ROIFormats.csvField("line\nbreak") == "\"line\nbreak\"")
        #expect(ROIFormats.csvField("carriage\rreturn") == "\"carriage\rreturn\"")
        // "\r\n" is one Character, equal to neither "\r" nor "\n": looked for as characters, it went unquoted.
        #expect(ROIFormats.csvField("Windows\r\nbreak") == "\"Windows\r\nbreak\"")
        #expect(ROIFormats.csvField("Café – “quoted”") == "Café – “quoted”")
    }

    @Test("whatever isPlainNumber takes for a number, Decimal(string:) reads as one")
    func plainNumbers() {
        let pieces = ["-", "0", "7", ".", "9", "-", "e", "1"]
        var checked = 0
        for length in 1...5 {
            var indexes = [Int](repeating: 0, count: length)
            while true {
                let text = indexes.map { pieces[$0] }.joined()
                if ROIFormats.isPlainNumber(text) {
                    #expect(Decimal(string: text) != nil, "\(text)")
                    checked += 1
                }
                var position = length - 1
                while position >= 0 {
                    indexes[position] += 1
                    if indexes[position] < pieces.count { break }
                    indexes[position] = 0
                    position -= 1
                }
                if position < 0 { break }
            }
        }
        #expect(checked > 100)
    }
}
