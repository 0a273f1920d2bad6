@testable import BrightspotsSite
import Foundation
import Testing

@Suite("Plain file reads")
struct PlainFileTests {
    @Test("read gives a file's bytes, nothing for a missing file or a folder")
    func reads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plainfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for size in [0, 1, 4095, 4096, 70_000] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let file = folder.appendingPathComponent("f\(size).md")
            try Data(bytes).write(to: file)
            #expect(PlainFile.read(file.path) == bytes)
        }
        #expect(PlainFile.read(folder.appendingPathComponent("missing.md").path) == nil)
        #expect(PlainFile.read(folder.path) == nil)
    }

    @Test("a project's path for a file is its URL's path", arguments: [
        "Content/aar/entry.md", "Content/bright-spots/café – notes.md", "site.yaml", "Content/a b/%20.md",
    ])
    func paths(relative: String) {
        for root in ["/tmp/project", "/tmp/project/", "/"] {
            let project = ProjectFiles(root: URL(fileURLWithPath: root))
            #expect(project.path(relative) == project.url(relative).path)
        }
    }
}
