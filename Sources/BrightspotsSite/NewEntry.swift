import BrightspotsCore
import Foundation
import Mustache

/// `brightspots new`: a new entry file with the kind's front matter and sections, from an archetype.
/// Archetypes are looked up as `Content/archetypes/<kind>.md`, then the theme's `archetypes/<kind>.md`,
/// then the theme's `archetypes/default.md`.
public enum NewEntry {
    struct ArchetypeView {
        var titleYAML: String
        var date: String
        var month: String
        var kind: String
        var kindLabel: String
        var authorYAML: String
        var sections: [String]
    }

    /// Writes the file and returns its path relative to the project root.
    public static func create(kind: String, title: String, date: Day, author: String?,
                              options: BuildOptions) throws -> String {
        let project = options.project
        let loaded = SiteLoader.load(project)
        guard let vocabulary = loaded.vocabulary else { throw ProblemReport(loaded.problems) }
        let kindIDs = vocabulary.site.kinds.map(\.id)
        guard let definition = vocabulary.site.kind(kind) else {
            throw ProblemReport([Problem(file: "Content/site.yaml", .unknownKind(
                kind, suggestion: Suggestion.nearest(to: kind, in: kindIDs)))])
        }
        let slug = Slug.make(from: title)
        let path = "Content/\(kind)/\(date.year)/\(slug).md"
        guard !slug.isEmpty else { throw ProblemReport([Problem(file: path, .invalidSlug(title))]) }
        if FileManager.default.fileExists(atPath: project.url(path).path) {
            throw ProblemReport([Problem(file: path, .duplicateSlug(slug, otherFile: path))])
        }
        if let existing = loaded.entries.first(where: { $0.slug == slug }) {
            throw ProblemReport([Problem(file: path, .duplicateSlug(slug, otherFile: existing.file))])
        }

        let archetype = try archetypeText(kind: kind, options: options)
        let template = try MustacheTemplate(string: archetype)
        let view = ArchetypeView(
            titleYAML: YAMLText.quoted(title), date: date.description, month: date.monthOfYear.description,
            kind: kind, kindLabel: definition.label, authorYAML: YAMLText.quoted(author ?? "anonymous"),
            sections: definition.sections)
        let url = project.url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(template.render(view).utf8).write(to: url, options: .withoutOverwriting)
        return path
    }

    static func archetypeText(kind: String, options: BuildOptions) throws -> String {
        var candidates = [options.project.content.appendingPathComponent("archetypes/\(kind).md")]
        if case .success(let theme) = Theme.load(options.theme, project: options.project) {
            for folder in theme.folders {
                candidates.append(folder.appendingPathComponent("archetypes/\(kind).md"))
                candidates.append(folder.appendingPathComponent("archetypes/default.md"))
            }
        }
        for url in candidates {
            if let text = try? String(contentsOf: url, encoding: .utf8) { return text }
        }
        throw ProblemReport([Problem(file: "Themes/\(Theme.defaultName)/archetypes/default.md", .missingFile)])
    }
}
