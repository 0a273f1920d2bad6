import Testing
@testable import BrightspotsCore

/// `Entry` keeps its fields in a shared box, copied when a shared copy is changed: it must still behave as a value.
@Suite("Entry as a value")
struct EntryValueTests {
    @Test("changing a copy leaves the original as it was, field by field")
    func copyOnWrite() {
        let original = TestVocabulary.entry("late-discharge", tags: ["housing"], principles: ["p1"])
        var copy = original
        copy.title = "Changed"
        copy.tags.append("mental-health")
        copy.keyLines["title"] = 3
        copy.roi = nil
        copy.draft = true
        #expect(original.title == "Title of late-discharge")
        #expect(original.tags == ["housing"])
        #expect(original.keyLines.isEmpty)
        #expect(!original.draft)
        #expect(copy.title == "Changed" && copy.tags == ["housing", "mental-health"] && copy.draft)
        #expect(copy != original)

        // A change to an entry no other copy holds is made in place, and the entry stays equal to one made anew.
        var only = TestVocabulary.entry("late-discharge", tags: ["housing"], principles: ["p1"])
        only.title = "Changed"
        var made = TestVocabulary.entry("late-discharge", tags: ["housing"], principles: ["p1"])
        made.title = "Changed"
        #expect(only == made)
        #expect(only.hashValue == made.hashValue)
        #expect(Set([only, made, original]).count == 2)
    }

    @Test("entries in a list are copied on write too")
    func inArrays() {
        let entries = (0..<5).map { TestVocabulary.entry("entry-\($0)") }
        var changed = entries
        for index in changed.indices { changed[index].summary = "summary \(index)" }
        #expect(entries.allSatisfy { $0.summary.isEmpty })
        #expect(changed.map(\.summary) == (0..<5).map { "summary \($0)" })
        #expect(zip(entries, changed).allSatisfy { $0.slug == $1.slug && $0 != $1 })
    }
}
