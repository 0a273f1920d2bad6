/// A time of day, "14:00".
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let minutes: Int

    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0..<24).contains(hours), (0..<60).contains(minutes) else { return nil }
        self.minutes = hours * 60 + minutes
    }

    public init(minutes: Int) { self.minutes = minutes }

    public func adding(minutes extra: Int) -> TimeOfDay { TimeOfDay(minutes: minutes + extra) }

    public var hours: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }
    /// "14:05"
    public var description: String { (hours < 10 ? "0" : "") + "\(hours):" + (minute < 10 ? "0" : "") + "\(minute)" }
    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutes < rhs.minutes }
}

/// One line of an edition's `agenda:` list: an entry, optionally with its presenter and length.
public struct AgendaItem: Sendable, Hashable {
    public var slug: String
    public var presenter: String?
    public var minutes: Int?
    public var line: Int
}

/// A monthly Bright Spots forum, from `Content/forum/<yyyy-mm>.md`. Its agenda is the entries whose `forum`
/// names its month, in the order `agenda:` gives (the rest after, oldest first).
public struct ForumEdition: Sendable, Hashable {
    public var month: Month
    public var file: String
    public var title: String
    public var date: Day
    public var start: TimeOfDay
    public var end: TimeOfDay?
    public var place: String?
    /// An http(s) link to join online.
    public var online: String?
    public var host: String?
    public var theme: String?
    /// Minutes for each agenda item unless the item gives its own.
    public var slotMinutes: Int
    public var agenda: [AgendaItem]
    /// Markdown notes: before the meeting, what to expect; after it, what was learned and who will try what.
    public var notes: String
    /// The file line the notes start on.
    public var notesLine: Int = 1
    public var keyLines: [String: Int]

    public static let keys = ["title", "date", "start", "end", "place", "online", "host", "theme", "slot_minutes", "agenda"]
    public static let defaultSlotMinutes = 15
}

public enum ForumEditionParser {
    /// `file` is `Content/forum/<yyyy-mm>.md`.
    public static func parse(_ text: String, file: String) -> (ForumEdition?, [Problem]) {
        let name = file.split(separator: "/").last.map { String($0.dropLast(3)) } ?? ""
        guard file.hasSuffix(".md"), let month = Month(name) else {
            return (nil, [Problem(file: file, .invalidEditionName(name))])
        }
        let parts: FrontMatter
        let document: YAMLValue?
        switch FrontMatter.read(text, file: file) {
        case .success(let read): (parts, document) = read
        case .failure(let problem): return (nil, [problem])
        }
        var reader = FieldReader(file: file)
        guard let document, let pairs = reader.mapping(document, what: "the front matter") else {
            if document == nil { reader.report(2, .missingKey("date")) }
            return (nil, reader.problems)
        }
        reader.checkKeys(pairs, allowed: ForumEdition.keys)
        for key in ["date", "start"] where document[key] == nil { reader.report(2, .missingKey(key)) }

        var date: Day?
        if let raw = reader.text(document["date"], key: "date", required: true) {
            date = Day(raw)
            if date == nil { reader.report(document["date"]?.line, .invalidDate(raw)) }
            else if date!.monthOfYear != month {
                reader.report(document["date"]?.line, .editionDateOutsideMonth(date: raw, month: month.description))
            }
        }
        func time(_ key: String, required: Bool) -> TimeOfDay? {
            guard let raw = reader.text(document[key], key: key, required: required) else { return nil }
            guard let time = TimeOfDay(raw) else {
                reader.report(document[key]?.line, .invalidTime(key: key, value: raw))
                return nil
            }
            return time
        }
        let start = time("start", required: true)
        let end = time("end", required: false)
        if let start, let end, end <= start { reader.report(document["end"]?.line, .endBeforeStart) }
        let place = reader.text(document["place"], key: "place")
        let online = reader.text(document["online"], key: "online")
        if let online, !(online.lowercased().hasPrefix("https://") || online.lowercased().hasPrefix("http://")) {
            reader.report(document["online"]?.line, .invalidLink(key: "online", value: online))
        }
        if place == nil && online == nil { reader.report(2, .missingKey("place")) }
        let slotMinutes = reader.integer(document["slot_minutes"], key: "slot_minutes") ?? ForumEdition.defaultSlotMinutes
        if slotMinutes <= 0 { reader.report(document["slot_minutes"]?.line, .invalidNumber(key: "slot_minutes", value: String(slotMinutes))) }

        var agenda: [AgendaItem] = []
        switch document["agenda"] {
        case nil: break
        case .sequence(let items, _)?:
            for item in items {
                switch item {
                case .scalar(let slug, let line):
                    agenda.append(AgendaItem(slug: slug.trimmingWhitespace, presenter: nil, minutes: nil, line: line))
                case .mapping(let itemPairs, let line):
                    reader.checkKeys(itemPairs, allowed: ["entry", "presenter", "minutes"])
                    guard let slug = reader.text(item["entry"], key: "entry", required: true) else {
                        if item["entry"] == nil { reader.report(line, .missingKey("entry")) }
                        continue
                    }
                    let minutes = reader.integer(item["minutes"], key: "minutes")
                    if let minutes, minutes <= 0 {
                        reader.report(item["minutes"]?.line, .invalidNumber(key: "minutes", value: String(minutes)))
                    }
                    agenda.append(AgendaItem(slug: slug, presenter: reader.text(item["presenter"], key: "presenter"),
                                             minutes: minutes, line: line))
                case .sequence(_, let line):
                    reader.report(line, .wrongType(key: "agenda", expected: "a list of entry slugs"))
                }
            }
        case let other?:
            reader.report(other.line, .wrongType(key: "agenda", expected: "a list of entry slugs"))
        }
        guard reader.problems.isEmpty, let date, let start else { return (nil, reader.problems) }
        let edition = ForumEdition(
            month: month, file: file,
            title: reader.text(document["title"], key: "title") ?? "Bright Spots forum, \(month.longForm)",
            date: date, start: start, end: end, place: place, online: online,
            host: reader.text(document["host"], key: "host"), theme: reader.text(document["theme"], key: "theme"),
            slotMinutes: slotMinutes, agenda: agenda, notes: parts.body,
            notesLine: parts.bodyLine,
            keyLines: Dictionary(pairs.map { ($0.key, $0.keyLine) }, uniquingKeysWith: { first, _ in first }))
        return reader.problems.isEmpty ? (edition, []) : (nil, reader.problems)
    }
}

/// An edition's agenda: its entries in order, each with presenter and time slot.
public struct Agenda: Sendable {
    public struct Slot: Sendable, Hashable {
        public var entry: Entry
        public var presenter: String
        public var start: TimeOfDay
        public var end: TimeOfDay
    }

    public var slots: [Slot]

    /// Entries listed in `agenda:` first, in that order; then the edition's other entries, oldest first.
    /// `entries` are the entries whose forum is this edition's month (already filtered for the audience).
    public init(edition: ForumEdition, entries: [Entry]) {
        var ordered: [(Entry, AgendaItem?)] = []
        for item in edition.agenda {
            if let entry = entries.first(where: { $0.slug == item.slug }) { ordered.append((entry, item)) }
        }
        let listed = Set(edition.agenda.map(\.slug))
        let rest = entries.filter { !listed.contains($0.slug) }
            .sorted { $0.date != $1.date ? $0.date < $1.date : $0.slug < $1.slug }
        ordered += rest.map { ($0, nil) }
        var time = edition.start
        slots = ordered.map { entry, item in
            let length = item?.minutes ?? edition.slotMinutes
            defer { time = time.adding(minutes: length) }
            let author = entry.isAnonymous ? "Anonymous" : entry.author
            return Slot(entry: entry, presenter: item?.presenter ?? author, start: time, end: time.adding(minutes: length))
        }
    }

    /// When the meeting ends: its stated end, else after the last slot (at least an hour).
    public static func end(of edition: ForumEdition, agenda: Agenda) -> TimeOfDay {
        edition.end ?? max(agenda.slots.last?.end ?? edition.start, edition.start.adding(minutes: 60))
    }

    /// Problems with `agenda:` lines (unknown slugs, entries that do not name this forum) and with `[[slug]]`
    /// links in the notes.
    public static func problems(edition: ForumEdition, collection: ContentCollection) -> [Problem] {
        // Only needed for a suggestion, when something is wrong: a site's every slug, once per edition, is not free.
        lazy var slugs = collection.entries.map(\.slug)
        var seen: Set<String> = []
        let links = WikiLinks.find(in: edition.notes).filter { collection.entry($0.slug) == nil }.map { link in
            Problem(file: edition.file, line: edition.notesLine + link.line - 1,
                    .unknownWikiLink(link.slug, suggestion: Suggestion.nearest(to: link.slug, in: slugs)))
        }
        return links + edition.agenda.compactMap { item in
            defer { seen.insert(item.slug) }
            if seen.contains(item.slug) {
                return Problem(file: edition.file, line: item.line, .duplicateName(what: "agenda entry", name: item.slug))
            }
            guard let entry = collection.entry(item.slug) else {
                return Problem(file: edition.file, line: item.line,
                               .unknownAgendaEntry(item.slug, suggestion: Suggestion.nearest(to: item.slug, in: slugs)))
            }
            guard entry.forum == edition.month else {
                return Problem(file: edition.file, line: item.line,
                               .agendaEntryForumMismatch(item.slug, entryForum: entry.forum?.description))
            }
            return nil
        }
    }
}
