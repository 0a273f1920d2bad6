import Foundation
import BrightspotsCore

/// Where each page lives. Pretty URLs: a page at `/bright-spots/<slug>/` is written to
/// `bright-spots/<slug>/index.html`.
public struct SiteURLs: Sendable {
    public let site: SiteConfig

    public init(site: SiteConfig) { self.site = site }

    public var home: String { "/" }
    public var tags: String { "/tags/" }
    public var principles: String { "/principles/" }
    public var feed: String { "/feed.xml" }
    public var stylesheet: String { "/assets/style.css" }
    public var forum: String { "/forum/" }
    public func edition(_ month: Month) -> String { "/forum/\(month)/" }
    public func editionCalendar(_ month: Month) -> String { edition(month) + "bright-spots-forum-\(month).ics" }
    public var submit: String { "/submit/" }
    public var search: String { "/search/" }
    public var searchIndex: String { "/search/index.json" }
    public var roi: String { "/roi/" }
    public var unitCosts: String { "/roi/unit-costs/" }
    public var roiCSV: String { "/roi/tallies.csv" }
    public var roiJSON: String { "/roi/tallies.json" }

    public func section(_ kind: String) -> String { "/\(site.kind(kind)?.section ?? kind)/" }
    /// Page `number` of a paginated list at `base` (page 1 is `base` itself).
    public func page(_ base: String, _ number: Int) -> String { number == 1 ? base : base + "page/\(number)/" }
    public func sectionFeed(_ kind: String) -> String { section(kind) + "feed.xml" }
    public func entry(_ entry: Entry) -> String { section(entry.kind) + entry.slug + "/" }
    public func tag(_ slug: String) -> String { "/tags/\(slug)/" }
    public func principle(_ slug: String) -> String { "/principles/\(slug)/" }

    /// The absolute URL of a site path, for feeds and the sitemap.
    public func absolute(_ path: String) -> String { site.baseURL + path.dropFirst() }

    /// The file a page URL is written to.
    public static func file(for path: String) -> String {
        path.hasSuffix("/") ? String(path.dropFirst()) + "index.html" : String(path.dropFirst())
    }
}

extension Day {
    /// Today in the machine's time zone.
    public static func today() -> Day {
        let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
