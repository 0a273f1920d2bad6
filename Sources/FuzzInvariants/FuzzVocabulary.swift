import BrightspotsCore

/// A small fixed vocabulary for the fuzz target and the seeded tests: the example site's three kinds, two
/// principles, a few tags and one unit cost. Built from YAML once; a problem in it is a bug in this file.
public enum FuzzVocabulary {
    static let siteYAML = """
        title: Fuzz
        tagline: Fuzzing
        description: Fixed vocabulary for the fuzz target.
        base_url: https://example.org/
        language: en-GB
        home_latest: 3
        related_limit: 4
        kinds:
          bright-spot:
            label: Bright Spot
            plural: Bright Spots
            section: bright-spots
            description: What is working well.
            visibility: public
            sections: [The situation, What went well, What made it work, Could it work elsewhere?]
          aar:
            label: After Action Review
            plural: After Action Reviews
            section: after-action-reviews
            description: Reflection after a piece of work.
            visibility: public
            sections:
              - What was expected to happen?
              - What actually happened?
              - Why was there a difference?
              - What will we keep doing / do differently?
          peer-support:
            label: Peer-support session
            plural: Peer-support sessions
            section: peer-support
            description: Peer-support notes.
            visibility: internal
            sections: [Check-in, What we talked about, What helped, What we agreed]
        """

    static let principlesYAML = """
        priorities:
          - number: 1
            title: People @ the Heart
        principles:
          - slug: no-wrong-front-door
            number: 1
            priority: 1
            title: No wrong front door
          - slug: study-success-and-share-it
            number: 8
            priority: 1
            title: Study success and share it
        """

    static let tagsYAML = """
        housing:
          label: Housing
          aliases: [homelessness]
        outreach:
          label: Outreach
        """

    static let unitCostsYAML = """
        costs:
          - code: ae-attendance
            label: A&E attendance
            unit: per attendance
            value: 116.64
            price_year: 2015/16
            value_type: fiscal
            source: Example figure
            source_year: 2011/12
            rating: green
        """

    public static let vocabulary: Vocabulary = {
        let (site, siteProblems) = SiteConfig.parse(siteYAML, file: "site.yaml")
        let (principles, principleProblems) = PrincipleCatalog.parse(principlesYAML, file: "principles.yaml")
        let (tags, tagProblems) = TagVocabulary.parse(tagsYAML, file: "tags.yaml")
        let (costs, costProblems) = UnitCostTable.parse(unitCostsYAML, file: "unit-costs.yaml")
        let problems = siteProblems + principleProblems + tagProblems + costProblems
        guard let site, let principles, let tags, let costs, problems.isEmpty else {
            preconditionFailure("the fuzz vocabulary is invalid: \(problems)")
        }
        return Vocabulary(site: site, principles: principles, tags: tags, unitCosts: costs)
    }()

    public static let kindIDs = ["bright-spot", "aar", "peer-support"]
}
