import ArgumentParser
import BrightspotsServer
import BrightspotsSite
import BrightspotsStore
import Foundation

/// The archive is a gzipped tar made by /usr/bin/tar: every Unix machine can list and unpack it without
/// brightspots (`tar -tzf`), and it needs no new dependency. Inside, at the top: `manifest.json`, `Content/`,
/// `Themes/`, the store's copy (`brightspots.sqlite`, or the project-relative path of the `database` setting) and
/// the settings file if `--config` was given.
struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent snapshot of the project (Content/, Themes/, the store, the settings file) to a .tar.gz archive.",
        discussion: """
            Safe while brightspots serve runs. The store is copied with SQLite's online backup API; approvals wait \
            while the snapshot is taken (the lock .brightspots/publish.lock), so an entry file and its submission's \
            status always agree in the archive. Login sessions are left out. The built site and the build cache \
            are not included: brightspots build makes them again. Restore with brightspots restore.
            """)

    @OptionGroup var options: ProjectOptions
    @OptionGroup var daemonOptions: DaemonOptions

    @Argument(help: ArgumentHelp("The archive to write, e.g. brightspots-2026-11-24.tar.gz. It must not exist yet.",
                                 valueName: "file"))
    var file: String

    func run() async throws {
        let started = ContinuousClock.now
        // The archive holds submissions not yet moderated and the moderators' password hashes: everything this
        // command creates (staging copies, the store's copy, the archive) is for its owner only.
        umask(0o077)
        let settings = try daemonOptions.settings()
        let project = options.project
        let archive = URL(fileURLWithPath: file).standardizedFileURL
        let fm = FileManager.default
        guard !fm.fileExists(atPath: archive.path) else {
            printError("\(archive.path) already exists. Give a new file name, or remove the old archive first.")
            throw ExitCode(1)
        }
        let parent = archive.deletingLastPathComponent()
        guard fm.fileExists(atPath: parent.path) else {
            printError("the folder \(parent.path) does not exist. Create it first, or give another path for the archive.")
            throw ExitCode(1)
        }
        // Where the store goes in the archive: its path in the project, or the default name if it lives elsewhere.
        let databaseURL = project.resolve(settings.database)
        let inProject = databaseURL.path.hasPrefix(project.root.path + "/")
        let databaseName = inProject ? String(databaseURL.path.dropFirst(project.root.path.count + 1)) : ServerSettings().database
        let settingsURL = daemonOptions.config.map { URL(fileURLWithPath: $0).standardizedFileURL }
        let settingsName = settingsURL?.lastPathComponent
        if let settingsName, ["Content", "Themes", BackupManifest.fileName, databaseName].contains(settingsName) {
            printError("the settings file's name \(settingsName) is used by the backup itself. Rename the settings file.")
            throw ExitCode(1)
        }

        let staging = parent.appendingPathComponent(".\(archive.lastPathComponent).partial-\(getpid())")
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        defer { try? fm.removeItem(at: staging) }

        var summary: StoreSnapshot.Summary?
        do {
            let lock = try await PublishLock(projectRoot: project.root).acquire {
                print("Waiting for an approval in progress to finish…")
            }
            defer { lock.release() }
            for folder in ["Content", "Themes"] where fm.fileExists(atPath: project.url(folder).path) {
                try copyTree(project.url(folder), to: staging.appendingPathComponent(folder))
            }
            if fm.fileExists(atPath: databaseURL.path) {
                let copy = staging.appendingPathComponent(databaseName)
                try fm.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
                summary = try StoreSnapshot.copy(from: databaseURL.path, to: copy.path)
            }
        } catch {
            printError("the backup was not made: \(error)")
            throw ExitCode(1)
        }
        if let settingsURL, let settingsName {
            do {
                try fm.copyItem(at: settingsURL, to: staging.appendingPathComponent(settingsName))
            } catch {
                printError("cannot read the settings file \(settingsURL.path): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }

        let partial = parent.appendingPathComponent(".\(archive.lastPathComponent).writing-\(getpid())")
        defer { try? fm.removeItem(at: partial) }
        do {
            let items = try BackupInventory.items(in: staging)
            let manifest = BackupManifest(createdAt: Date(), database: summary == nil ? nil : databaseName,
                                          settings: settingsName, files: items)
            try manifest.encoded().write(to: staging.appendingPathComponent(BackupManifest.fileName))
            // The manifest first, so a listing shows it at the top.
            let names = [BackupManifest.fileName] + (try fm.contentsOfDirectory(atPath: staging.path))
                .filter { $0 != BackupManifest.fileName }.sorted()
            try Tar.run(["--create", "--gzip", "--file", partial.path, "--directory", staging.path,
                         "--owner=0", "--group=0", "--numeric-owner", "--"] + names)
            try AtomicFile.write(try Data(contentsOf: partial), to: archive)
        } catch {
            printError("the backup was not made: \(error)")
            throw ExitCode(1)
        }

        let size = (try? fm.attributesOfItem(atPath: archive.path)[.size] as? Int) ?? 0
        let entries = (try? BackupInventory.items(in: staging.appendingPathComponent("Content")))?
            .filter { $0.path.hasSuffix(".md") }.count ?? 0
        let store = summary.map(\.counted) ?? "no store (\(databaseURL.path) does not exist yet)"
        let elapsed = (ContinuousClock.now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        print("Backed up \(entries) Markdown files, the themes, \(store)"
              + (settingsName.map { " and the settings file \($0)" } ?? "")
              + " to \(archive.path) (\(ByteCountFormatter.string(fromByteCount: Int64(size), countStyle: .file)), "
              + String(format: "%.1f s)", seconds))
        if !inProject {
            print("Note: the store lives outside the project (\(databaseURL.path)); restore puts it at \(databaseName) in the restored folder.")
        }
    }

    /// Copies the regular files under `source`, leaving out the temporary files an interrupted `AtomicFile` write
    /// can leave (`.name.N.tmp`).
    func copyTree(_ source: URL, to destination: URL) throws {
        let items = try BackupInventory.items(in: source) { $0.hasPrefix(".") && $0.hasSuffix(".tmp") }
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        for item in items {
            let target = destination.appendingPathComponent(item.path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source.appendingPathComponent(item.path), to: target)
        }
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restore a backup made by brightspots backup into a new or empty folder.",
        discussion: """
            Every file is checked against the archive's manifest (size and SHA-256) and the store against SQLite's \
            integrity check before anything is put in place; the project appears in the folder whole or not at all. \
            Login sessions are not restored: moderators log in again. Then run brightspots build and \
            brightspots serve in the folder.
            """)

    @Argument(help: ArgumentHelp("The archive, a .tar.gz made by brightspots backup.", valueName: "file"))
    var file: String

    @Argument(help: ArgumentHelp("The folder to restore into. It must be new or empty: nothing is overwritten.",
                                 valueName: "folder"))
    var folder: String

    func run() async throws {
        let fm = FileManager.default
        let archive = URL(fileURLWithPath: file).standardizedFileURL
        let target = URL(fileURLWithPath: folder).standardizedFileURL
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                printError("\(target.path) is a file. Restore into a new or empty folder.")
                throw ExitCode(1)
            }
            let inside = (try? fm.contentsOfDirectory(atPath: target.path)) ?? []
            guard inside.isEmpty else {
                printError("\(target.path) is not empty (it holds \(inside.sorted().prefix(3).joined(separator: ", "))"
                           + (inside.count > 3 ? " and \(inside.count - 3) more" : "") + "). Restore only into a new "
                           + "or empty folder, so that nothing there is overwritten: give another folder, or empty this one.")
                throw ExitCode(1)
            }
        }
        guard fm.isReadableFile(atPath: archive.path) else {
            printError("cannot read the archive \(archive.path). Check the path.")
            throw ExitCode(1)
        }
        let parent = target.deletingLastPathComponent()
        guard fm.fileExists(atPath: parent.path) else {
            printError("the folder \(parent.path) does not exist. Create it first.")
            throw ExitCode(1)
        }

        // Unpacked and checked beside the target, then renamed into place in one step.
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).restoring-\(getpid())")
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        defer { try? fm.removeItem(at: staging) }
        func refuse(_ reason: String) -> ExitCode {
            printError("\(archive.path) \(reason). Nothing was restored. Use another copy of the backup.")
            return ExitCode(1)
        }
        do {
            try Tar.run(["--extract", "--gzip", "--file", archive.path, "--directory", staging.path,
                         "--no-same-owner", "--no-overwrite-dir"])
        } catch {
            throw refuse("cannot be unpacked (\(error)): it is damaged, incomplete or not a brightspots backup")
        }
        guard let manifestData = fm.contents(atPath: staging.appendingPathComponent(BackupManifest.fileName).path) else {
            throw refuse("has no \(BackupManifest.fileName): it was not made by brightspots backup")
        }
        let manifest: BackupManifest
        switch BackupManifest.decode(manifestData) {
        case .success(let decoded): manifest = decoded
        case .failure(let problem): throw refuse("is not usable: \(problem)")
        }
        let found: [BackupManifest.Item]
        do {
            found = try BackupInventory.items(in: staging).filter { $0.path != BackupManifest.fileName }
        } catch {
            throw refuse("holds something other than files and folders: \(error)")
        }
        let problems = manifest.problems(found: found)
        guard problems.isEmpty else {
            let list = problems.prefix(10).enumerated().map { "  \($0.offset + 1). \($0.element)" }.joined(separator: "\n")
            throw refuse("is damaged:\n\(list)" + (problems.count > 10 ? "\n  … and \(problems.count - 10) more" : "")
                         + "\n")
        }
        var summary: StoreSnapshot.Summary?
        if let database = manifest.database {
            do {
                summary = try StoreSnapshot.prepareRestored(staging.appendingPathComponent(database).path)
            } catch {
                throw refuse("holds a damaged store: \(error)")
            }
        }
        sync()  // everything unpacked is on disk before the folder appears under its name
        if rename(staging.path, target.path) != 0 {
            printError("cannot move the restored project into \(target.path): \(String(cString: strerror(errno))). "
                       + "Nothing was restored. Check that the folder is still empty and writable.")
            throw ExitCode(1)
        }

        let entries = manifest.files.filter { $0.path.hasPrefix("Content/") && $0.path.hasSuffix(".md") }.count
        print("Restored the backup of \(manifest.createdAt) into \(target.path): \(entries) Markdown files"
              + (summary.map { ", \($0.counted) (nobody is logged in)" } ?? ", no store")
              + (manifest.settings.map { ", the settings file \($0)" } ?? "") + ".")
        print("Next: brightspots build --root \(target.path)")
        print("      brightspots serve --root \(target.path)" + (manifest.settings.map { " --config \(target.path)/\($0)" } ?? ""))
        if fm.currentDirectoryPath == target.path {
            print("This folder was replaced by the restored one: run cd \(target.path) to see it.")
        }
    }
}

/// /usr/bin/tar as a subprocess; its complaint becomes the error.
enum Tar {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let said = text.split(separator: "\n").prefix(3).joined(separator: "; ")
            throw Failure(description: "tar said: \(said.isEmpty ? "exit status \(process.terminationStatus)" : said)")
        }
    }
}

extension StoreSnapshot.Summary {
    /// "3 submissions, 5 audit records, 1 moderator account".
    var counted: String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        return [count(submissions, "submission"), count(auditRecords, "audit record"),
                count(moderators, "moderator account")].joined(separator: ", ")
    }
}
