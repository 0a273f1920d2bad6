import BrightspotsCore

/// Atom feeds (RFC 4287) for the site and for each kind: the latest entries with their full content.
enum AtomFeed {
    static let limit = 20

    static func render(title: String, path: String, entries: [Entry], urls: SiteURLs, bodies: BodyLookup,
                       site: SiteConfig) -> String {
        let latest = entries.prefix(limit)
        let updated = latest.map(\.date).max()?.timestamp ?? "1970-01-01T00:00:00Z"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XML.escape(site.language))">
          <title>\(XML.escape(title))</title>
          <subtitle>\(XML.escape(site.tagline))</subtitle>
          <id>\(XML.escape(urls.absolute(path)))</id>
          <link rel="self" type="application/atom+xml" href="\(XML.escape(urls.absolute(path)))"/>
          <link rel="alternate" type="text/html" href="\(XML.escape(site.baseURL))"/>
          <updated>\(updated)</updated>
          <generator>Brightspots</generator>

        """
        for entry in latest {
            let url = urls.absolute(urls.entry(entry))
            xml += """
              <entry>
                <title>\(XML.escape(entry.title))</title>
                <id>\(XML.escape(url))</id>
                <link rel="alternate" type="text/html" href="\(XML.escape(url))"/>
                <published>\(entry.date.timestamp)</published>
                <updated>\(entry.date.timestamp)</updated>
                <author><name>\(XML.escape(entry.isAnonymous ? "Anonymous" : entry.author))</name></author>
                <category term="\(XML.escape(entry.kind))" label="\(XML.escape(site.kind(entry.kind)?.label ?? entry.kind))"/>

            """
            for tag in entry.tags { xml += "    <category term=\"\(XML.escape(tag))\"/>\n" }
            xml += """
                <summary>\(XML.escape(entry.summary))</summary>
                <content type="html">\(XML.escape(bodies[entry.slug] ?? ""))</content>
              </entry>

            """
        }
        return xml + "</feed>\n"
    }
}

/// `sitemap.xml` (sitemaps.org 0.9) listing every HTML page except the 404 page.
enum Sitemap {
    static func render(_ pages: [(path: String, lastModified: Day?)], urls: SiteURLs) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages {
            xml += "  <url><loc>\(XML.escape(urls.absolute(page.path)))</loc>"
            if let day = page.lastModified { xml += "<lastmod>\(day.description)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }
}
