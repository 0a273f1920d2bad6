import Testing
@testable import BrightspotsCore

/// A small in-memory vocabulary shared by the core tests: the three kinds of Content/site.yaml with their
/// sections, four principles and a few tags with aliases. No real people or places.
enum TestVocabulary {
    static let siteYAML = """
        title: Test Site
        tagline: What is working well
        description: Fixture site for unit tests.
        base_url: https://example.org/reflections
        language: en-GB
        home_latest: 3
        related_limit: 4
        kinds:
          bright-spot:
            label: Bright Spot
            plural: Bright Spots
            section: bright-spots
            description: Stories of what is working well.
            visibility: public
            sections:
              - The situation
              - What went well
              - What made it work
              - Could it work elsewhere?
          aar:
            label: After Action Review
            plural: After Action Reviews
            section: after-action-reviews
            description: Reflection spaces after a piece of work.
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
            description: Notes from peer-support sessions.
            visibility: internal
            sections:
              - Check-in
              - What we talked about
              - What helped
              - What we agreed
        """

    static let principlesYAML = """
        priorities:
          - number: 1
            title: People @ the Heart
          - number: 3
            title: Iterative learning
          - number: 4
            title: Empowered workforce
        principles:
          - slug: no-wrong-front-door
            number: 1
            priority: 1
            title: No wrong front door
            description: People are not turned away.
          - slug: easy-and-fast-support
            number: 2
            priority: 1
            title: Make it easy and fast for people to get support
          - slug: study-success-and-share-it
            number: 8
            priority: 3
            title: Study success and share it
          - slug: support-those-who-support
            number: 12
            priority: 4
            title: Support those who support
        """

    static let tagsYAML = """
        housing:
          label: Housing
          description: Finding and keeping a home.
          aliases: [homelessness, rough-sleeping]
        mental-health:
          label: Mental health
          aliases: [mh]
        outreach:
          label: Outreach
        wellbeing:
          label: Staff wellbeing
          aliases: [staff-wellbeing]
        """

    static let site: SiteConfig = {
        let (config, problems) = SiteConfig.parse(siteYAML, file: "Content/site.yaml")
        precondition(problems.isEmpty, "fixture site.yaml: \(problems)")
        return config!
    }()

    static let principles: PrincipleCatalog = {
        let (catalog, problems) = PrincipleCatalog.parse(principlesYAML, file: "Content/principles.yaml")
        precondition(problems.isEmpty, "fixture principles.yaml: \(problems)")
        return catalog!
    }()

    static let tags: TagVocabulary = {
        let (vocabulary, problems) = TagVocabulary.parse(tagsYAML, file: "Content/tags.yaml")
        precondition(problems.isEmpty, "fixture tags.yaml: \(problems)")
        return vocabulary!
    }()

    static let vocabulary = Vocabulary(site: site, principles: principles, tags: tags)

    static let kindIDs = ["bright-spot", "aar", "peer-support"]

    static func location(_ file: String) -> EntryLocation {
        switch EntryLocation.parse(file, kinds: kindIDs) {
        case .success(let location): return location
        case .failure(let problem): preconditionFailure("fixture location \(file): \(problem)")
        }
    }

    /// Parses entry text as if read from `file`.
    static func parse(_ text: String, file: String) -> (Entry?, [Problem]) {
        EntryParser.parse(text, at: location(file), vocabulary: vocabulary)
    }

    /// Sections that satisfy each kind.
    static let aarBody = """
        ## What was expected to happen?

        We expected most people to reply to a letter.

        ## What actually happened?

        Few replied.

        ## Why was there a difference?

        Letters look like bills.

        ## What will we keep doing / do differently?

        Phone first.
        """

    static let brightSpotBody = """
        ## The situation

        A drop-in at the library had few visitors.

        ## What went well

        Visitors came back.

        ## What made it work

        Tea.

        ## Could it work elsewhere?

        Yes.
        """

    static let peerSupportBody = """
        ## Check-in

        Five of us met.

        ## What we talked about

        Workload.

        ## What helped

        Time.

        ## What we agreed

        Meet again.
        """

    /// A minimal entry used to build collections without going through the parser.
    static func entry(_ slug: String, kind: String = "aar", date: String = "2026-05-01", tags: [String] = [],
                      principles: [String] = [], related: [String] = [], forum: String? = nil,
                      visibility: Visibility = .public, draft: Bool = false, folder: String? = nil) -> Entry {
        let day = Day(date)!
        let file = "Content/\(folder ?? kind)/\(day.year)/\(slug).md"
        return Entry(slug: slug, file: file, kind: kind, title: "Title of \(slug)", date: day,
                     author: "anonymous", team: nil, tags: tags, principles: principles, summary: "",
                     forum: forum.flatMap(Month.init), visibility: visibility, draft: draft, related: related,
                     roi: nil, body: "", bodyLine: 1)
    }
}
