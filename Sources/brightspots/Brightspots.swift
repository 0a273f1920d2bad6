import ArgumentParser
import BrightspotsCore
import BrightspotsSite
import Foundation

@main
struct Brightspots: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brightspots",
        abstract: "Build and serve a Brightspots learning forum: After Action Reviews, Bright Spots stories and peer-support notes.",
        discussion: """
            Commands act on the project in the current folder (Content/ and Themes/) unless --root is given.
            """,
        subcommands: [New.self, Check.self, Build.self, Serve.self, TallyCommand.self, Forum.self, User.self, Moderate.self,
                      Takedown.self, Purge.self, Audit.self, Backup.self, Restore.self])
}

/// Options every command shares.
struct ProjectOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The project folder holding Content/ and Themes/.", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: ArgumentHelp("A theme name under Themes/, or a folder path (relative to the project). Templates it lacks come from Themes/default.",
                                            valueName: "name"))
    var theme: String = Theme.defaultName

    var project: ProjectFiles {
        ProjectFiles(root: URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)))
    }

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: project.root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("The project folder \(root) does not exist.")
        }
        guard FileManager.default.fileExists(atPath: project.content.path) else {
            throw ValidationError("\(project.root.path) has no Content/ folder. Run brightspots in a project folder, or give --root.")
        }
    }
}

extension Audience: ExpressibleByArgument {}

/// Prints a problem report to standard error and exits 1.
func fail(with report: ProblemReport) -> ExitCode {
    FileHandle.standardError.write(Data((report.description + "\n").utf8))
    return ExitCode(1)
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
}
