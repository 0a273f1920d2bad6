import Dispatch
import Foundation
import Synchronization

/// Runs a pure transform on every element using all cores, keeping the input order.
public enum ParallelMap {
    public static func map<T: Sendable, U: Sendable>(_ items: [T], _ transform: @Sendable (T) -> U) -> [U] {
        if items.count < 2 { return items.map(transform) }
        let workers = min(items.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        // Workers take blocks of items as they finish the last, so uneven items still share out evenly; each
        // result is written straight into its place, which only one worker ever touches.
        let block = max(1, min(32, items.count / (workers * 8)))
        let next = Mutex(0)
        // Items are handed to `transform` where they are, not copied out of the array (entries are large).
        return items.withUnsafeBufferPointer { itemBuffer in
            let source = ItemSlots(base: itemBuffer.baseAddress!)
            return [U](unsafeUninitializedCapacity: items.count) { buffer, initialized in
                let results = ResultSlots(base: buffer.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: workers) { _ in
                    while true {
                        let start = next.withLock { start in
                            defer { start += block }
                            return start
                        }
                        guard start < items.count else { return }
                        for index in start..<min(start + block, items.count) {
                            (results.base + index).initialize(to: transform(source.base[index]))
                        }
                    }
                }
                initialized = items.count
            }
        }
    }
}

/// The items `ParallelMap` reads, in place.
private struct ItemSlots<T>: @unchecked Sendable {
    let base: UnsafePointer<T>
}

/// Where `ParallelMap` writes results: each slot by exactly one worker.
private struct ResultSlots<U>: @unchecked Sendable {
    let base: UnsafeMutablePointer<U>
}
