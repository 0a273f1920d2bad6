import Testing
@testable import BrightspotsCore

@Suite("SiteConfig")
struct SiteConfigTests {
    static let file = "Content/site.yaml"

    @Test("the fixture site.yaml parses to the expected values")
    func valid() {
        let site = TestVocabulary.site
        #expect(site.title == "Test Site")
        #expect(site.tagline == "What is working well")
        #expect(site.description == "Fixture site for unit tests.")
        #expect(site.baseURL == "https://example.org/reflections/")
        #expect(site.language == "en-GB")
        #expect(site.homeLatest == 3)
        #expect(site.relatedLimit == 4)
        #expect(site.kinds.map(\.id) == ["bright-spot", "aar", "peer-support"])
        #expect(site.kind("peer-support") == KindDefinition(
            id: "peer-support", label: "Peer-support session", plural: "Peer-support sessions",
            section: "peer-support", description: "Notes from peer-support sessions.", visibility: .internal,
            sections: ["Check-in", "What we talked about", "What helped", "What we agreed"]))
        #expect(site.kind("aar")?.section == "after-action-reviews")
        #expect(site.kind("aar")?.sections.last == "What will we keep doing / do differently?")
        #expect(site.kind("blog") == nil)
    }

    @Test("defaults for optional keys")
    func defaults() throws {
        let (config, problems) = SiteConfig.parse("title: Minimal\nkinds:\n  story:\n    label: Story\n", file: Self.file)
        #expect(problems == [])
        let site = try #require(config)
        #expect(site.tagline == "")
        #expect(site.description == "")
        #expect(site.baseURL == "http://127.0.0.1:8080/")
        #expect(site.language == "en-GB")
        #expect(site.homeLatest == 5)
        #expect(site.relatedLimit == 5)
        #expect(site.kinds == [KindDefinition(id: "story", label: "Story", plural: "Storys", section: "story",
                                              description: "", visibility: .public, sections: [])])
    }

    @Test("an unknown key suggests the nearest")
    func unknownKey() {
        let (config, problems) = SiteConfig.parse("title: T\ntagine: x\nkinds:\n  a:\n    label: A\n", file: Self.file)
        #expect(config == nil)
        #expect(problems == [Problem(file: Self.file, line: 2,
                                     .unknownKey("tagine", allowed: SiteConfig.keys, suggestion: "tagline"))])
    }

    @Test("an unknown key in a kind suggests the nearest, and a missing label is reported")
    func unknownKindKey() {
        let yaml = "title: T\nkinds:\n  aar:\n    lable: AAR\n    sections: [One]\n"
        let (config, problems) = SiteConfig.parse(yaml, file: Self.file)
        #expect(config == nil)
        #expect(problems == [
            Problem(file: Self.file, line: 4, .unknownKey("lable", allowed: SiteConfig.kindKeys, suggestion: "label")),
            Problem(file: Self.file, line: 4, .missingKey("label")),
        ])
    }

    @Test("an invalid kind visibility")
    func invalidVisibility() {
        let yaml = "title: T\nkinds:\n  aar:\n    label: AAR\n    visibility: staff-only\n"
        let (config, problems) = SiteConfig.parse(yaml, file: Self.file)
        #expect(config == nil)
        #expect(problems == [Problem(file: Self.file, line: 5, .invalidVisibility("staff-only"))])
    }

    @Test("a missing title")
    func missingTitle() {
        let (config, problems) = SiteConfig.parse("tagline: x\nkinds:\n  aar:\n    label: AAR\n", file: Self.file)
        #expect(config == nil)
        #expect(problems == [Problem(file: Self.file, line: 1, .missingKey("title"))])
    }

    @Test("an empty file is missing its title")
    func emptyFile() {
        let (config, problems) = SiteConfig.parse("", file: Self.file)
        #expect(config == nil)
        #expect(problems == [Problem(file: Self.file, line: 1, .missingKey("title"))])
    }

    @Test("missing kinds, a kind that is not a slug and a section that is not a slug")
    func kindProblems() {
        #expect(SiteConfig.parse("title: T\n", file: Self.file).1 == [Problem(file: Self.file, line: 1, .missingKey("kinds"))])
        let yaml = "title: T\nkinds:\n  Bright Spot:\n    label: B\n    section: Bright Spots\n"
        #expect(SiteConfig.parse(yaml, file: Self.file).1 == [
            Problem(file: Self.file, line: 3, .invalidSlug("Bright Spot")),
            Problem(file: Self.file, line: 5, .invalidSlug("Bright Spots")),
        ])
    }

    @Test("invalid YAML carries its line")
    func invalidYAML() {
        let (config, problems) = SiteConfig.parse("title: T\nkinds: [a\n", file: Self.file)
        #expect(config == nil)
        #expect(problems == [Problem(file: Self.file, line: 3, .invalidYAML("did not find expected ',' or ']'"))])
    }
}
