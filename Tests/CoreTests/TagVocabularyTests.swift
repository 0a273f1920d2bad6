import Testing
@testable import BrightspotsCore

@Suite("TagVocabulary")
struct TagVocabularyTests {
    static let tags = TestVocabulary.tags

    @Test("parses labels, descriptions and aliases")
    func parse() {
        #expect(Self.tags.tags == [
            "housing": TagInfo(slug: "housing", label: "Housing", description: "Finding and keeping a home."),
            "mental-health": TagInfo(slug: "mental-health", label: "Mental health", description: nil),
            "outreach": TagInfo(slug: "outreach", label: "Outreach", description: nil),
            "wellbeing": TagInfo(slug: "wellbeing", label: "Staff wellbeing", description: nil),
        ])
        #expect(Self.tags.description(for: "housing") == "Finding and keeping a home.")
        #expect(Self.tags.description(for: "outreach") == nil)
        #expect(Self.tags.description(for: "unknown") == nil)
    }

    @Test("canonical slugs through case, spacing and aliases", arguments: [
        ("Mental Health", "mental-health"), ("mental-health", "mental-health"), ("MH", "mental-health"),
        ("mh", "mental-health"), ("Rough Sleeping", "housing"), ("homelessness", "housing"),
        ("Staff wellbeing", "wellbeing"), ("Council Tax", "council-tax"), ("  Outreach ", "outreach"),
    ])
    func canonical(written: String, expected: String) {
        #expect(Self.tags.canonical(written) == expected)
    }

    @Test("a tag without letters or digits has no canonical form", arguments: ["", "--", "!?", "  "])
    func noCanonical(written: String) {
        #expect(Self.tags.canonical(written) == nil)
    }

    @Test("labels come from tags.yaml, else the capitalised slug")
    func labels() {
        #expect(Self.tags.label(for: "wellbeing") == "Staff wellbeing")
        #expect(Self.tags.label(for: "council-tax") == "Council tax")
        #expect(Self.tags.label(for: "co-production") == "Co production")
        #expect(TagVocabulary().label(for: "x") == "X")
    }

    @Test("a label is optional: it defaults from the key")
    func labelDefault() throws {
        let (vocabulary, problems) = TagVocabulary.parse("hospital-discharge: {}\nRelapse Prevention:\n  aliases: relapse\n",
                                                          file: "Content/tags.yaml")
        #expect(problems == [])
        let parsed = try #require(vocabulary)
        #expect(parsed.label(for: "hospital-discharge") == "Hospital discharge")
        #expect(parsed.label(for: "relapse-prevention") == "Relapse prevention")
        #expect(parsed.canonical("Relapse") == "relapse-prevention")
    }

    @Test("an empty tags.yaml is an empty vocabulary")
    func emptyFile() {
        let (vocabulary, problems) = TagVocabulary.parse("# no tags yet\n", file: "Content/tags.yaml")
        #expect(problems == [])
        #expect(vocabulary?.tags == [:])
        #expect(vocabulary?.canonical("Housing") == "housing")
    }

    @Test("an alias used twice is a problem on the second alias's line")
    func duplicateAlias() {
        let yaml = """
            housing:
              aliases: [homelessness]
            outreach:
              aliases:
                - streets
                - Homelessness
            """
        let (vocabulary, problems) = TagVocabulary.parse(yaml, file: "Content/tags.yaml")
        #expect(vocabulary == nil)
        #expect(problems == [Problem(file: "Content/tags.yaml", line: 6, .duplicateName(what: "tag", name: "homelessness"))])
    }

    @Test("an alias equal to an existing tag, or to its own tag, is a problem")
    func aliasClashesWithTag() {
        let (_, own) = TagVocabulary.parse("housing:\n  aliases: [Housing]\n", file: "t.yaml")
        #expect(own == [Problem(file: "t.yaml", line: 2, .duplicateName(what: "tag", name: "housing"))])
        let (_, earlier) = TagVocabulary.parse("housing: {}\noutreach:\n  aliases: [housing]\n", file: "t.yaml")
        #expect(earlier == [Problem(file: "t.yaml", line: 3, .duplicateName(what: "tag", name: "housing"))])
        // A tag defined after another tag's alias of the same name is reported on the tag's line.
        let (_, later) = TagVocabulary.parse("outreach:\n  aliases: [housing]\nhousing: {}\n", file: "t.yaml")
        #expect(later == [Problem(file: "t.yaml", line: 3, .duplicateName(what: "tag", name: "housing"))])
    }

    @Test("tag keys that normalise to the same slug are duplicates")
    func duplicateTag() {
        let (_, problems) = TagVocabulary.parse("Mental Health: {}\nmental-health: {}\n", file: "t.yaml")
        #expect(problems == [Problem(file: "t.yaml", line: 2, .duplicateName(what: "tag", name: "mental-health"))])
    }

    @Test("unknown keys in a tag suggest the nearest")
    func unknownKey() {
        let (_, problems) = TagVocabulary.parse("housing:\n  lable: Housing\n", file: "t.yaml")
        #expect(problems == [Problem(file: "t.yaml", line: 2, .unknownKey("lable", allowed: ["label", "description",
                                                                                              "aliases"],
                                                                           suggestion: "label"))])
    }

    @Test("a tag key without letters is an invalid tag")
    func invalidTagKey() {
        let (_, problems) = TagVocabulary.parse("housing: {}\n'--': {}\n", file: "t.yaml")
        #expect(problems == [Problem(file: "t.yaml", line: 2, .invalidTag("--"))])
    }
}
