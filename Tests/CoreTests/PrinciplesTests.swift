import Testing
@testable import BrightspotsCore

@Suite("PrincipleCatalog")
struct PrinciplesTests {
    static let file = "Content/principles.yaml"

    @Test("the fixture principles parse to the expected values")
    func valid() {
        let catalog = TestVocabulary.principles
        #expect(catalog.priorities == [Priority(number: 1, title: "People @ the Heart"),
                                       Priority(number: 3, title: "Iterative learning"),
                                       Priority(number: 4, title: "Empowered workforce")])
        #expect(catalog.slugs == ["no-wrong-front-door", "easy-and-fast-support", "study-success-and-share-it",
                                  "support-those-who-support"])
        #expect(catalog.principle("no-wrong-front-door") == Principle(
            slug: "no-wrong-front-door", number: 1, priority: 1, title: "No wrong front door",
            description: "People are not turned away."))
        #expect(catalog.principle("support-those-who-support")?.number == 12)
        #expect(catalog.principle("support-those-who-support")?.description == "")
        #expect(catalog.principle("kindness") == nil)
    }

    @Test("a principle defined twice")
    func duplicate() {
        let yaml = """
            principles:
              - slug: one
                number: 1
                priority: 1
                title: One
              - slug: one
                number: 2
                priority: 1
                title: One again
            """
        let (catalog, problems) = PrincipleCatalog.parse(yaml, file: Self.file)
        #expect(catalog == nil)
        #expect(problems == [Problem(file: Self.file, line: 6, .duplicateName(what: "principle", name: "one"))])
    }

    @Test("a priority that is not listed")
    func unknownPriority() {
        let yaml = """
            priorities:
              - number: 1
                title: First
            principles:
              - slug: one
                number: 1
                priority: 7
                title: One
            """
        let (catalog, problems) = PrincipleCatalog.parse(yaml, file: Self.file)
        #expect(catalog == nil)
        #expect(problems == [Problem(file: Self.file, line: 7, .unknownPriority(7))])
    }

    @Test("without priorities any priority number is accepted")
    func noPriorities() {
        let (catalog, problems) = PrincipleCatalog.parse(
            "principles:\n  - {slug: one, number: 1, priority: 9, title: One}\n", file: Self.file)
        #expect(problems == [])
        #expect(catalog?.principles == [Principle(slug: "one", number: 1, priority: 9, title: "One", description: "")])
    }

    @Test("unknown keys suggest, missing keys are named, numbers must be whole")
    func fieldProblems() {
        let yaml = """
            principles:
              - slug: one
                number: first
                titel: One
            """
        let (catalog, problems) = PrincipleCatalog.parse(yaml, file: Self.file)
        #expect(catalog == nil)
        #expect(problems == [
            Problem(file: Self.file, line: 4, .unknownKey("titel", allowed: ["slug", "number", "priority", "title",
                                                                             "description"],
                                                          suggestion: "title")),
            Problem(file: Self.file, line: 2, .missingKey("priority")),
            Problem(file: Self.file, line: 2, .missingKey("title")),
            Problem(file: Self.file, line: 3, .invalidNumber(key: "number", value: "first")),
        ])
    }

    @Test("a file without a principles list")
    func missingList() {
        let (catalog, problems) = PrincipleCatalog.parse("priorities: []\n", file: Self.file)
        #expect(catalog == nil)
        #expect(problems == [Problem(file: Self.file, line: 1, .missingKey("principles"))])
    }
}
