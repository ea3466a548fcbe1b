/// How often and how patiently a request is retried when the server cannot be reached or
/// answers 5xx: `attempts` tries in all, waiting `baseDelay`, 2×, 4×, … seconds in between.
public struct RetryPolicy: Sendable, Hashable {
    /// Tries in all, at least 1.
    public let attempts: Int
    /// The first wait, in seconds; each later wait doubles.
    public let baseDelay: Double

    /// Four tries, waiting 0.2, 0.4 and 0.8 s.
    public static let standard = RetryPolicy(attempts: 4, baseDelay: 0.2)

    public init(attempts: Int, baseDelay: Double) {
        self.attempts = max(1, attempts)
        self.baseDelay = max(0, baseDelay)
    }

    /// The wait after failed try number `attempt` (1-based), or nil when no try is left.
    public func delay(afterAttempt attempt: Int) -> Double? {
        guard attempt >= 1, attempt < attempts else { return nil }
        var delay = baseDelay
        for _ in 1..<attempt { delay *= 2 }
        return delay
    }

    /// Whether an HTTP status is worth another try: server errors are often passing
    /// (restarts, overload); client errors will not change.
    public static func isRetryable(status: Int) -> Bool { (500...599).contains(status) }
}
