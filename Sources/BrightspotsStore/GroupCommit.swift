import Foundation
import GRDB
import Synchronization

/// Group commit: changes asked for at the same time share one write transaction, so that one fsync (what a commit
/// with `synchronous = FULL` costs) covers all of them.
///
/// - Each change runs in its own savepoint inside the batch's `BEGIN IMMEDIATE` transaction. A change that throws
///   (a duplicate reference, a moderation conflict, a trigger's refusal) is rolled back to its savepoint alone and
///   its caller gets its error; the other changes of the batch go on. They run one after the other in the order they
///   were asked for and each sees the ones before it, as if each had had a transaction of its own.
/// - Every caller is answered only after the batch's COMMIT has returned, that is once the batch is on disk. If the
///   commit fails, or SQLite rolls the whole transaction back (an I/O error, a full disk), every change of the batch
///   fails with that error and none of them was kept. Nothing is acknowledged before it is durable.
/// - Nothing waits to fill a batch: while one batch commits, the changes that arrive meanwhile queue up and become
///   the next. A lone change costs what a transaction of its own did; 64 concurrent writers share a few fsyncs
///   instead of queueing for one each. Batches run on the pool's writer queue, so other writes through the pool
///   (migrations, `executeRaw`) wait for the queue to empty.
final class GroupCommit: Sendable {
    /// The most changes one transaction holds, so that a batch cannot hold the write lock for long.
    static let maximumBatch = 256

    private let pool: DatabasePool
    private let queue = Mutex(Queue())

    private struct Queue {
        var waiting: [any PendingChange] = []
        /// True while the writer's queue is committing batches; it goes on until `waiting` is empty.
        var draining = false
        /// Batches committed or failed so far (for tests).
        var batches = 0
    }

    init(pool: DatabasePool) {
        self.pool = pool
    }

    /// Runs `change` in the next batch and returns its result once the batch has committed.
    func write<T: Sendable>(_ change: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let startDraining = queue.withLock { queue in
                queue.waiting.append(Change(change: change, continuation: continuation))
                if queue.draining { return false }
                queue.draining = true
                return true
            }
            if startDraining {
                // Batches are committed one after another on the writer's own queue, with no hop back to the
                // task pool in between: a waiting batch starts as soon as the one before has committed.
                pool.asyncWriteWithoutTransaction { db in self.drain(db) }
            }
        }
    }

    /// Changes waiting for the next batch, and batches run so far: lets tests line changes up in one batch.
    var counts: (waiting: Int, batches: Int) {
        queue.withLock { ($0.waiting.count, $0.batches) }
    }

    private func drain(_ db: Database) {
        while let batch = nextBatch() {
            var failure: (any Error)?
            do {
                try db.inTransaction(.immediate) {
                    for change in batch {
                        // SQLite may have rolled the whole transaction back under an earlier change (I/O error,
                        // full disk): nothing of the batch is kept, so no later change may run, nor commit alone.
                        // (GRDB refuses statements in an aborted transaction too; this says so before trying.)
                        guard db.isInsideTransaction else { throw GroupCommitError.transactionRolledBack }
                        change.perform(db)
                    }
                    guard db.isInsideTransaction else { throw GroupCommitError.transactionRolledBack }
                    return .commit
                }
            } catch {
                failure = error
            }
            queue.withLock { $0.batches += 1 }
            for change in batch {
                change.finish(commitError: failure)
            }
        }
    }

    private func nextBatch() -> [any PendingChange]? {
        queue.withLock { queue in
            if queue.waiting.isEmpty {
                queue.draining = false
                return nil
            }
            let batch = Array(queue.waiting.prefix(Self.maximumBatch))
            queue.waiting.removeFirst(batch.count)
            return batch
        }
    }
}

enum GroupCommitError: Error, CustomStringConvertible {
    case transactionRolledBack

    var description: String { "SQLite rolled the write transaction back; nothing in it was kept." }
}

private protocol PendingChange: AnyObject, Sendable {
    /// Runs the change in a savepoint of the batch's transaction and keeps its outcome.
    func perform(_ db: Database)
    /// Answers the caller once the batch's transaction has committed (`commitError` nil) or failed.
    func finish(commitError: (any Error)?)
}

private final class Change<T: Sendable>: PendingChange, @unchecked Sendable {
    let change: @Sendable (Database) throws -> T
    let continuation: CheckedContinuation<T, any Error>
    /// Written by `perform` on the database's writer queue, read by `finish` after `pool.write` has returned:
    /// never at the same time.
    private var outcome: Result<T, any Error>?

    init(change: @escaping @Sendable (Database) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.change = change
        self.continuation = continuation
    }

    func perform(_ db: Database) {
        do {
            var value: T?
            try db.inSavepoint {
                value = try change(db)
                return .commit
            }
            outcome = .success(value!)
        } catch {
            outcome = .failure(error)
        }
    }

    func finish(commitError: (any Error)?) {
        switch (outcome, commitError) {
        case (.failure(let error), _):
            continuation.resume(throwing: error)  // rolled back to its savepoint, or with the whole batch
        case (.success(let value), nil):
            continuation.resume(returning: value)
        case (.success, let error?), (nil, let error?):
            continuation.resume(throwing: error)  // the batch did not commit
        case (nil, nil):
            // Not reachable: a batch that commits has run every change. Never answer success without a commit.
            continuation.resume(throwing: GroupCommitError.transactionRolledBack)
        }
    }
}
