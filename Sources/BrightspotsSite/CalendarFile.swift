import BrightspotsCore

/// An iCalendar file (RFC 5545) for a forum edition: one event in Europe/London time.
enum CalendarFile {
    /// Europe/London's rules, so calendars place the event right in summer (BST) and winter (GMT).
    static let londonTimeZone = [
        "BEGIN:VTIMEZONE", "TZID:Europe/London",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0100", "TZNAME:BST", "DTSTART:19810329T010000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT", "DTSTART:19961027T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    static func render(edition: ForumEdition, agenda: Agenda, pageURL: String, host: String) -> String {
        func stamp(_ day: Day, _ time: TimeOfDay) -> String {
            day.description.replacingOccurrences(of: "-", with: "") + "T"
                + time.description.replacingOccurrences(of: ":", with: "") + "00"
        }
        let end = Agenda.end(of: edition, agenda: agenda)
        var description = edition.theme.map { "Theme: \($0)\n" } ?? ""
        if !agenda.slots.isEmpty {
            description += "Agenda:\n" + agenda.slots.map { "\($0.start) \($0.entry.title) (\($0.presenter))" }
                .joined(separator: "\n") + "\n"
        }
        description += pageURL
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Brightspots//Bright Spots forum//EN",
                     "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        lines += londonTimeZone
        lines += [
            "BEGIN:VEVENT",
            "UID:bright-spots-forum-\(edition.month)@\(host)",
            // A fixed stamp keeps builds reproducible: the edition's own date, at midnight UTC.
            "DTSTAMP:" + stamp(edition.date, TimeOfDay(minutes: 0)) + "Z",
            "DTSTART;TZID=Europe/London:" + stamp(edition.date, edition.start),
            "DTEND;TZID=Europe/London:" + stamp(edition.date, end),
            "SUMMARY:" + escape(edition.title),
            "DESCRIPTION:" + escape(description),
            "URL:" + pageURL,
        ]
        if let location = [edition.place, edition.online].compactMap({ $0 }).first {
            lines.append("LOCATION:" + escape(location))
        }
        if let host = edition.host { lines.append("ORGANIZER;CN=" + quoteParameter(host) + ":" + pageURL) }
        lines += ["END:VEVENT", "END:VCALENDAR"]
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT values escape backslash, semicolon, comma and newline (RFC 5545 3.3.11).
    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "\\": output += "\\\\"
            case ";": output += "\\;"
            case ",": output += "\\,"
            case "\n": output += "\\n"
            case "\r": continue
            default: output.append(character)
            }
        }
        return output
    }

    static func quoteParameter(_ text: String) -> String {
        "\"" + text.filter { $0 != "\"" && !$0.isNewline } + "\""
    }

    /// Lines longer than 75 octets are folded: CRLF then a space, never inside a UTF-8 sequence (RFC 5545 3.1).
    static func fold(_ line: String) -> String {
        var folded = ""
        var octets = 0
        var limit = 75
        for character in line {
            let size = String(character).utf8.count
            if octets + size > limit {
                folded += "\r\n "
                octets = 0
                limit = 74  // the leading space counts
            }
            folded.append(character)
            octets += size
        }
        return folded
    }
}
