import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks the kernel to read files into its cache ahead of their readers, on a thread of its own. When a project's
/// files are not cached (a first build, or after other work pushed them out), every read waited on the disk in turn
/// and held one of the cores' threads while it did; with the reads asked for at once the disk works ahead of them.
enum FilePrefetch {
    static func start(_ paths: [String]) {
        #if os(Linux)
        Thread.detachNewThread {
            for path in paths {
                let file = open(path, O_RDONLY | O_CLOEXEC)
                guard file >= 0 else { continue }
                _ = posix_fadvise(file, 0, 0, POSIX_FADV_WILLNEED)
                close(file)
            }
        }
        #endif
    }
}
