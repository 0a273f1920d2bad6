import BrightspotsCore
import Testing

@Suite("YAML documents")
struct YAMLDocumentTests {
    @Test("every scalar is read as the text written: numbers, booleans, nulls, dates and quoted text alike")
    func scalarsAsText() throws {
        let yaml = """
        title: "Quoted: text"
        date: 2026-05-14
        count: 12
        ratio: 1.50
        yes: no
        empty: ~
        nothing: null
        when: 2026-05-14T10:00:00Z
        tags: [housing, 7, true]
        roi:
          cost: 1,250.50
          outcomes:
            - code: A&E attendance
              count: 3
        """
        let value = try #require(try YAMLDocument.parse(yaml, file: "x.yaml").get())
        #expect(value["title"]?.string == "Quoted: text")
        #expect(value["date"]?.string == "2026-05-14")
        #expect(value["count"]?.string == "12")
        #expect(value["ratio"]?.string == "1.50")
        #expect(value["yes"]?.string == "no")
        #expect(value["empty"]?.string == "~")
        #expect(value["nothing"]?.string == "null")
        #expect(value["when"]?.string == "2026-05-14T10:00:00Z")
        #expect(value["tags"]?.items?.compactMap(\.string) == ["housing", "7", "true"])
        #expect(value["roi"]?["cost"]?.string == "1,250.50")
        #expect(value["roi"]?["outcomes"]?.items?.first?["count"]?.string == "3")
        #expect(value["roi"]?["outcomes"]?.line == 13)
    }

    @Test("a key written plain and quoted is the same key, so it appears twice")
    func plainAndQuotedKeys() {
        guard case .failure(let problem) = YAMLDocument.parse("1: a\n\"1\": b\n", file: "x.yaml") else {
            Issue.record("expected a problem")
            return
        }
        #expect(problem.reason == .invalidYAML("the key 1 appears twice"))
    }
}
