import BrightspotsCore
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of a project: `Content/` (site.yaml, principles.yaml, tags.yaml, entries) and `Themes/`.
public struct ProjectFiles: Sendable {
    public var root: URL

    public init(root: URL) { self.root = URL(fileURLWithPath: root.standardizedFileURL.path, isDirectory: true) }

    /// A path given by the user: absolute, or relative to the project folder.
    public func resolve(_ path: String) -> URL {
        (path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)).standardizedFileURL
    }

    public var content: URL { root.appendingPathComponent("Content") }
    public var themes: URL { root.appendingPathComponent("Themes") }

    /// `Content/site.yaml` → its absolute URL.
    public func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// `url(relative).path`, made by joining the two paths rather than through `URL`.
    func path(_ relative: String) -> String {
        let base = root.path
        return base.hasSuffix("/") ? base + relative : base + "/" + relative
    }
}

/// What the load stage read: the vocabulary, every entry that parsed, and every problem found.
public struct LoadedContent: Sendable {
    public var vocabulary: Vocabulary?
    public var entries: [Entry]
    public var problems: [Problem]
    /// Bright Spots forum editions, from `Content/forum/<yyyy-mm>.md`, in month order.
    public var editions: [ForumEdition] = []
    /// What the incremental build knows of each entry, by file.
    var digests: [String: EntryDigest] = [:]
    /// The digest of the configuration files (site, principles, tags, unit costs) and the forum editions' files.
    var configDigest: Fingerprint?
}

/// Reads the project's files and hands their text to Core's pure parsers. The only file reading of a build.
public enum SiteLoader {
    /// Folders under Content/ that hold something other than entries.
    static let reservedFolders: Set<String> = ["archetypes", "forum"]

    /// With a cache, an entry file whose stamp (size, time, inode) and vocabulary are as when it was last parsed is
    /// not read again.
    public static func load(_ project: ProjectFiles, cache: BuildCache? = nil) -> LoadedContent {
        var problems: [Problem] = []
        let site = readConfig("Content/site.yaml", project: project, required: true, parse: SiteConfig.parse, &problems)
        let principles = readConfig("Content/principles.yaml", project: project, required: true,
                                    parse: PrincipleCatalog.parse, &problems)
        let tags = readConfig("Content/tags.yaml", project: project, required: false,
                              parse: TagVocabulary.parse, &problems) ?? TagVocabulary()
        let unitCosts = readConfig("Content/unit-costs.yaml", project: project, required: false,
                                   parse: UnitCostTable.parse, &problems) ?? UnitCostTable()
        guard let site, let principles else { return LoadedContent(vocabulary: nil, entries: [], problems: problems) }
        let vocabulary = Vocabulary(site: site, principles: principles, tags: tags, unitCosts: unitCosts)

        let files = entryFiles(project)
        let kindIDs = site.kinds.map(\.id)
        let sections = Set(site.kinds.map(\.section))
        let vocabularyDigest = Fingerprint.combining(
            ["site.yaml", "principles.yaml", "tags.yaml", "unit-costs.yaml"].map { name in
                Fingerprint.of(bytes: FileManager.default.contents(atPath: project.content.appendingPathComponent(name).path) ?? Data())
            })
        let root = project.root.path + "/"
        var sources = cache?.takeSources() ?? [:]
        let previous = sources
        // With nothing parsed before, every file is read: ask for them all at once (`FilePrefetch`).
        if previous.isEmpty, files.count > 256 { FilePrefetch.start(files.map { root + $0 }) }
        // Nil for a file as last parsed: its record stays where it is rather than being copied out and back.
        let results = ParallelMap.map(files) { file -> SourceRecord? in
            let stamp = FileStamp.of(root + file)
            if let stamp, let known = previous[file], known.stamp == stamp, known.vocabulary == vocabularyDigest {
                return nil
            }
            var (entry, found, digest): (Entry?, [Problem], EntryDigest?) = (nil, [], nil)
            switch EntryLocation.parse(file, kinds: kindIDs) {
            case .failure(let problem): found = [problem]
            case .success(let location):
                switch readText(file, project: project) {
                case .failure(let problem): found = [problem]
                case .success(let text):
                    (entry, found) = EntryParser.parse(text, at: location, vocabulary: vocabulary)
                    digest = entry.map { EntryDigest.of($0, text: text, sections: sections) }
                }
            }
            return SourceRecord(stamp: stamp ?? FileStamp(device: 0, inode: 0, size: -1, modified: 0),
                                vocabulary: vocabularyDigest, entry: entry, problems: found, digest: digest)
        }
        // The records are changed in place (`previous` let go of first), only where files changed or went.
        _ = consume previous
        var recorded = 0
        for (file, record) in zip(files, results) {
            if let record {
                sources[file] = record.stamp.size >= 0 ? record : nil
            }
            if sources[file] != nil { recorded += 1 }
        }
        if recorded != sources.count {
            let present = Set(files)
            sources = sources.filter { present.contains($0.key) }
        }
        var entries: [Entry] = []
        entries.reserveCapacity(files.count)
        var digests: [String: EntryDigest] = [:]
        digests.reserveCapacity(files.count)
        for (file, record) in zip(files, results) {
            // A file whose stamp could not be read is not recorded: its result is used directly.
            guard let record = record ?? sources[file] else { continue }
            if let entry = record.entry { entries.append(entry) }
            if let digest = record.digest { digests[file] = digest }
            problems += record.problems
        }
        cache?.keepSources(sources)
        var editions: [ForumEdition] = []
        var editionTexts: [Fingerprint] = []
        let forumFolder = project.content.appendingPathComponent("forum")
        let editionFiles = ((try? FileManager.default.contentsOfDirectory(atPath: forumFolder.path)) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted()
        for name in editionFiles {
            let file = "Content/forum/" + name
            switch readText(file, project: project) {
            case .failure(let problem): problems.append(problem)
            case .success(let text):
                editionTexts += [Fingerprint.of(file), Fingerprint.of(text)]
                let (edition, found) = parsedOnce(text, file) { ForumEditionParser.parse($0, file: $1) }
                problems += found
                if let edition { editions.append(edition) }
            }
        }
        return LoadedContent(vocabulary: vocabulary, entries: entries, problems: problems, editions: editions,
                             digests: digests,
                             configDigest: Fingerprint.combining([vocabularyDigest] + editionTexts))
    }

    /// Every `.md` file under Content/ outside the reserved folders, as root-relative paths, sorted. Hidden files
    /// and folders are skipped; symbolic links to folders are not followed.
    static func entryFiles(_ project: ProjectFiles) -> [String] {
        var files: [String] = []
        func walk(_ relative: String) {
            for (name, isFolder) in FolderListing.names(in: project.root.path + "/" + relative) ?? [] {
                guard !name.hasPrefix(".") else { continue }
                let path = relative + "/" + name
                if isFolder {
                    // Content/forum/ and Content/archetypes/ hold other things than entries.
                    if relative == "Content" && reservedFolders.contains(name) { continue }
                    walk(path)
                } else if name.hasSuffix(".md") {
                    files.append(path)
                }
            }
        }
        walk("Content")
        return files.sorted()
    }

    static func readText(_ relative: String, project: ProjectFiles) -> Result<String, Problem> {
        guard let data = PlainFile.read(project.path(relative)) else {
            let exists = FileManager.default.fileExists(atPath: project.url(relative).path)
            return .failure(Problem(file: relative, exists ? .unreadableFile("permission denied") : .missingFile))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            return .failure(Problem(file: relative, .notUTF8))
        }
        return .success(text)
    }

    private static func readConfig<T: Sendable>(_ relative: String, project: ProjectFiles, required: Bool,
                                                parse: (String, String) -> (T?, [Problem]),
                                                _ problems: inout [Problem]) -> T? {
        if !required && !FileManager.default.fileExists(atPath: project.url(relative).path) { return nil }
        switch readText(relative, project: project) {
        case .failure(let problem):
            problems.append(problem)
            return nil
        case .success(let text):
            let (value, found) = parsedOnce(text, relative, parse)
            problems += found
            return value
        }
    }

    /// What the last parse of each file's text gave, by file and parser: parsers are pure, so the same text gives
    /// the same result, and a rebuild after an entry edit does not parse the configuration and forum files again.
    private static let parsed = Mutex<[String: (text: Fingerprint, value: any Sendable, problems: [Problem])]>([:])

    static func parsedOnce<T: Sendable>(_ text: String, _ relative: String,
                                        _ parse: (String, String) -> (T?, [Problem])) -> (T?, [Problem]) {
        let key = relative + "\u{0}" + String(describing: T.self)
        let digest = Fingerprint.of(text)
        if let known = parsed.withLock({ $0[key] }), known.text == digest, let value = known.value as? T? {
            return (value, known.problems)
        }
        let (value, problems) = parse(text, relative)
        parsed.withLock { $0[key] = (digest, value, problems) }
        return (value, problems)
    }
}
