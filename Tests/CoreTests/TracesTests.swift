import Testing
@testable import BrightspotsCore

@Suite struct TracesTests {
    let traces = Traces(slug: "late-discharge", title: "Tom & Jerry's \"late\" discharge, again")

    @Test func theTitleIsFoundAsEachOutputFormatWritesIt() {
        for written in [
            "<h1>Tom &amp; Jerry&#39;s &quot;late&quot; discharge, again</h1>",  // HTML
            "<title>Tom &amp; Jerry&apos;s &quot;late&quot; discharge, again</title>",  // XML feeds
            #"{"t":"Tom & Jerry's \"late\" discharge, again"}"#,  // JSON search index
            "SUMMARY:Tom & Jerry's \"late\" discharge\\, again",  // iCalendar
            "SUMMARY:Tom & Jerry's \"late\" disch\r\n arge\\, again",  // iCalendar, folded
        ] {
            #expect(traces.found(in: Array(written.utf8)) == ["title"], "\(written)")
        }
    }

    @Test func theSlugIsFoundAsAWholeWordOnly() {
        #expect(traces.found(in: Array(#"<a href="/aar/late-discharge/">"#.utf8)) == ["slug “late-discharge”"])
        #expect(traces.found(in: Array("late-discharge".utf8)) == ["slug “late-discharge”"])
        #expect(traces.found(in: Array("/aar/late-discharge-2/ and very-late-discharge".utf8)).isEmpty)
        #expect(traces.found(in: Array("late_discharge lateDischarge".utf8)).isEmpty)
        #expect(traces.found(in: []).isEmpty)
    }

    @Test func formsAreDistinctAndLongestFirst() {
        let plain = Traces(slug: "a", title: "Plain title")
        #expect(plain.titleForms == ["Plain title"])
        #expect(traces.titleForms.count == 5)
        #expect(traces.titleForms.map(\.utf8.count) == traces.titleForms.map(\.utf8.count).sorted(by: >))
    }
}
