import CFuzzerDriver
import Foundation
import FuzzInvariants

/// The fuzz target over front matter, the entry parser, submissions as entry files and the Markdown wrapper
/// (the invariants are in `FuzzInvariants`). Built with libFuzzer (`make fuzz`) it fuzzes, taking libFuzzer's
/// options (`-runs=N`, `-max_total_time=S`, corpus folders); built without, it replays the files it is given,
/// which is how a crash file is turned into a test case.
@main
struct FuzzMain {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        let status = brightspots_run_fuzzer(&argc, &argv) { data, size in
            FuzzMain.check(UnsafeBufferPointer(start: data, count: data == nil ? 0 : size))
            return 0
        }
        if status != -1 { exit(status) }
        replay(Array(CommandLine.arguments.dropFirst()))
    }

    static func check(_ bytes: UnsafeBufferPointer<UInt8>) {
        let broken = Invariants.check(bytes)
        guard broken.isEmpty else {
            // libFuzzer saves the input that crashed as crash-<sha1>.
            fatalError("invariants broken:\n" + broken.joined(separator: "\n"))
        }
    }

    /// Without libFuzzer: check each file named (folders: each file in them).
    static func replay(_ paths: [String]) {
        guard !paths.isEmpty else {
            print("usage: BrightspotsFuzz FILE|FOLDER... (built with -sanitize=fuzzer: libFuzzer's options; see make fuzz)")
            exit(2)
        }
        var checked = 0
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                print("\(path): no such file or folder")
                exit(2)
            }
            let files = isFolder.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                data.withUnsafeBytes { check($0.bindMemory(to: UInt8.self)) }
                checked += 1
            }
        }
        print("\(checked) inputs checked, every invariant held")
    }
}
