import BrightspotsCore
import Foundation
import Mustache
import Synchronization

/// A theme: Mustache templates (one per page kind, plus partials), static files and archetypes.
/// A theme may override single templates; anything it lacks comes from `Themes/default`.
public struct Theme: Sendable {
    public static let defaultName = "default"
    /// The page templates every theme must provide (itself or through the default theme).
    public static let pageTemplates = ["home", "section", "entry", "tags", "tag", "principles", "principle", "404",
                                       "roi", "unit-costs", "search", "forum", "edition",
                                       // The submission daemon's pages.
                                       "message", "submit-kind", "submit-form", "submit-check", "submit-sent",
                                       "moderate-login", "moderate-queue", "moderate-submission", "moderate-audit",
                                       "moderate-takedown"]

    public let name: String
    /// The templates' texts by name, from which each rendering thread parses its own library.
    private let sources: ThemeSources
    /// Static files to copy, relative output path → source file (the theme's own win over the default's).
    public let staticFiles: [String: URL]
    /// Folders searched for archetypes, the chosen theme's first.
    public let folders: [URL]
    /// A digest of every template's name and text: pages are rendered again when it changes.
    public let digest: Fingerprint

    /// Loads `Themes/<name>` (or a folder path) over `Themes/default`. Template problems are gathered.
    /// The templates last checked, by the digest of their names and texts.
    private static let parsed = Mutex<ThemeSources?>(nil)

    public static func load(_ nameOrPath: String, project: ProjectFiles) -> Result<Theme, ProblemReport> {
        let chosen = nameOrPath.contains("/")
            ? project.resolve(nameOrPath)
            : project.themes.appendingPathComponent(nameOrPath)
        let fallback = project.themes.appendingPathComponent(defaultName)
        let folders = chosen.standardizedFileURL == fallback.standardizedFileURL ? [chosen] : [chosen, fallback]
        var problems: [Problem] = []
        guard FileManager.default.fileExists(atPath: chosen.path) else {
            return .failure(ProblemReport([Problem(file: relativePath(chosen, project), .missingFile)]))
        }

        var sources: [String: (URL, String)] = [:]
        var staticFiles: [String: URL] = [:]
        for folder in folders.reversed() {
            for (name, url) in files(in: folder.appendingPathComponent("templates"), suffix: ".mustache") {
                if let text = try? String(contentsOf: url, encoding: .utf8) {
                    sources[String(name.dropLast(".mustache".count))] = (url, text)
                } else {
                    problems.append(Problem(file: relativePath(url, project), .notUTF8))
                }
            }
            for (path, url) in files(in: folder.appendingPathComponent("static"), suffix: "") {
                staticFiles[path] = url
            }
        }
        let digest = Fingerprint.combining(sources.sorted { $0.key < $1.key }.flatMap { [Fingerprint.of($0.key), Fingerprint.of($0.value.1)] })
        // The same templates were checked before: a rebuild after a content edit does not parse them again.
        if problems.isEmpty, let known = parsed.withLock({ $0 }), known.digest == digest {
            return .success(Theme(name: chosen.lastPathComponent, sources: known, staticFiles: staticFiles,
                                  folders: folders, digest: digest))
        }
        let texts = ThemeSources(digest: digest, texts: sources.mapValues { FastHTMLContentType.pragma + $0.1 })
        FastHTMLContentType.registered
        for (name, (url, _)) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                _ = try MustacheTemplate(string: texts.texts[name]!)
            } catch let error as MustacheTemplate.ParserError {
                problems.append(Problem(file: relativePath(url, project), line: max(1, error.context.lineNumber - 1),
                                        .invalidTemplate("\(error.error)")))
            } catch {
                problems.append(Problem(file: relativePath(url, project), .invalidTemplate("\(error)")))
            }
        }
        for name in pageTemplates where sources[name] == nil {
            problems.append(Problem(file: relativePath(chosen, project), .missingTemplate(name)))
        }
        guard problems.isEmpty else { return .failure(ProblemReport(problems)) }
        parsed.withLock { $0 = texts }
        return .success(Theme(name: chosen.lastPathComponent, sources: texts, staticFiles: staticFiles,
                              folders: folders, digest: digest))
    }

    public func hasTemplate(_ name: String) -> Bool { sources.texts[name] != nil }

    /// Renders a page template with its view model.
    public func render(_ template: String, _ view: Any) -> String {
        sources.threadLibrary().render(view, withTemplate: template) ?? ""
    }

    /// Relative path → URL for every file under `folder` whose name ends in `suffix`.
    static func files(in folder: URL, suffix: String) -> [(String, URL)] {
        let base = folder.standardizedFileURL.path + "/"
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        var found: [(String, URL)] = []
        for case let url as URL in walker {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base), path.hasSuffix(suffix),
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            found.append((String(path.dropFirst(base.count)), url))
        }
        return found
    }

    static func relativePath(_ url: URL, _ project: ProjectFiles) -> String {
        let base = project.root.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}

/// The texts of a theme's templates, and the library each thread renders them from.
///
/// A rendering copies the template's tokens, their text and their sections, and the context that holds the library:
/// each copy counts a reference to storage the templates share. With one library for all threads, those counts are
/// atomic operations on memory every core writes, and each waits for the others. A library of the thread's own, parsed
/// from the same texts the first time the thread renders, keeps those counts on memory only that core writes.
final class ThemeSources: Sendable {
    let digest: Fingerprint
    let texts: [String: String]

    init(digest: Fingerprint, texts: [String: String]) {
        self.digest = digest
        self.texts = texts
    }

    /// The calling thread's library for these templates.
    func threadLibrary() -> MustacheLibrary {
        let slot = ThreadLibrarySlot.current
        if let held = slot.held, held.digest == digest { return held.library }
        var library = MustacheLibrary()
        for (name, text) in texts {
            if let template = try? MustacheTemplate(string: text) { library.register(template, named: name) }
        }
        slot.held = (digest, library)
        return library
    }
}

/// A thread's own value, in a slot freed with the thread.
private final class ThreadLibrarySlot {
    var held: (digest: Fingerprint, library: MustacheLibrary)?

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { Unmanaged<ThreadLibrarySlot>.fromOpaque(pointer).release() }
        }
        return key
    }()

    static var current: ThreadLibrarySlot {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<ThreadLibrarySlot>.fromOpaque(pointer).takeUnretainedValue()
        }
        let slot = ThreadLibrarySlot()
        pthread_setspecific(key, Unmanaged.passRetained(slot).toOpaque())
        return slot
    }
}
