import BrightspotsCore

/// A forum agenda as plain text for the terminal, or Markdown to paste into an email.
public enum ForumAgendaText {
    public static func render(edition: ForumEdition, agenda: Agenda, markdown: Bool, pageURL: String) -> String {
        let end = Agenda.end(of: edition, agenda: agenda)
        var lines: [String] = []
        lines.append(markdown ? "# \(edition.title)" : edition.title)
        if !markdown { lines.append(String(repeating: "=", count: edition.title.count)) }
        lines.append("")
        let bullet = markdown ? "- " : ""
        lines.append("\(bullet)\(markdown ? "**When:** " : "When:  ")\(edition.date.longForm), \(edition.start) to \(end)")
        if let place = edition.place { lines.append("\(bullet)\(markdown ? "**Where:** " : "Where: ")\(place)") }
        if let online = edition.online { lines.append("\(bullet)\(markdown ? "**Online:** " : "Online: ")\(online)") }
        if let host = edition.host { lines.append("\(bullet)\(markdown ? "**Host:** " : "Host:  ")\(host)") }
        if let theme = edition.theme { lines.append("\(bullet)\(markdown ? "**Theme:** " : "Theme: ")\(theme)") }
        lines.append("")
        lines.append(markdown ? "## Agenda" : "Agenda")
        lines.append("")
        if agenda.slots.isEmpty {
            lines.append("No reflections are on the agenda yet.")
        }
        for (index, slot) in agenda.slots.enumerated() {
            if markdown {
                lines.append("\(index + 1). **\(slot.start)–\(slot.end)** \(slot.entry.title), presented by \(slot.presenter)")
                if !slot.entry.summary.isEmpty { lines.append("   \(slot.entry.summary)") }
            } else {
                lines.append("\(slot.start)–\(slot.end)  \(slot.entry.title)")
                lines.append("             presented by \(slot.presenter)")
            }
        }
        lines.append("")
        lines.append(markdown ? "[The agenda online](\(pageURL))" : pageURL)
        return lines.joined(separator: "\n") + "\n"
    }
}
