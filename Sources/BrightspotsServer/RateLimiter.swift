import Foundation

/// Counts submissions per client address in a sliding window, so one address cannot flood the queue.
actor RateLimiter {
    let limit: Int
    let window: TimeInterval
    private var sent: [String: [Date]] = [:]

    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Records one submission for `address` if it is within the limit; otherwise returns how many seconds
    /// until the next one is allowed.
    func admit(_ address: String, now: Date = Date()) -> Int? {
        let recent = (sent[address] ?? []).filter { now.timeIntervalSince($0) < window }
        if recent.count >= limit, let oldest = recent.first {
            sent[address] = recent
            return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
        }
        sent[address] = recent + [now]
        if sent.count > 10_000 { sent = sent.filter { !($0.value.last.map { now.timeIntervalSince($0) >= window } ?? true) } }
        return nil
    }
}
