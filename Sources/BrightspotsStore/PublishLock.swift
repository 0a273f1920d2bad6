import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock (flock) on `.brightspots/publish.lock` in the project, held by whatever changes Content/ and the
/// store together (an approval: write the entry, rebuild, record the decision) and by `brightspots backup` while it
/// takes its snapshot. So a backup never holds an entry file whose submission its database still calls pending, or
/// the other way round, and two publishers (the daemon and `brightspots moderate approve` in a terminal) take turns.
///
/// Each `acquire` opens the file anew, so two holders in one process exclude each other as two processes do. The
/// kernel drops the lock when the holder's descriptor is closed, the process killed included: a crash never leaves
/// the project locked.
public struct PublishLock: Sendable {
    public let file: URL

    public init(file: URL) { self.file = file }

    /// `<project>/.brightspots/publish.lock`.
    public init(projectRoot: URL) {
        file = projectRoot.appendingPathComponent(".brightspots/publish.lock")
    }

    /// The lock, held until `release()` (or until the value is gone).
    public final class Held: @unchecked Sendable {
        private var descriptor: Int32

        init(descriptor: Int32) { self.descriptor = descriptor }

        public func release() {
            guard descriptor >= 0 else { return }
            close(descriptor)  // closing the only descriptor of the open file releases the flock
            descriptor = -1
        }

        deinit { release() }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Takes the lock if nobody holds it; nil if somebody does.
    public func tryAcquire() throws -> Held? {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let descriptor = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot open the lock file \(file.path): \(String(cString: strerror(errno))). "
                          + "Check that this user may write to the project's .brightspots/ folder.")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return Held(descriptor: descriptor) }
        let reason = errno
        close(descriptor)
        guard reason == EWOULDBLOCK || reason == EINTR else {
            throw Failure(description: "cannot lock \(file.path): \(String(cString: strerror(reason)))")
        }
        return nil
    }

    /// Waits for the lock without blocking a thread, up to `timeout`; `waiting` is called once if it must wait.
    public func acquire(timeout: Duration = .seconds(120), waiting: () -> Void = {}) async throws -> Held {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var told = false
        while true {
            if let held = try tryAcquire() { return held }
            if !told { waiting(); told = true }
            guard clock.now < deadline else {
                throw Failure(description: "\(file.path) stayed locked for \(timeout): another approval or a backup "
                              + "is still running. Try again when it has finished.")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
