import Foundation
import LiftCore
import Logging
import ServiceLifecycle

/// Watches rescue orders' deadlines while the server runs: an order not accepted in time is
/// escalated to its district regulator (the regulator's webhook through the outbox, and the
/// escalated mark every list shows), an order not reached in time is marked late for ever.
/// Tests call `check(now:)` with the time they want instead of waiting.
public struct RescueWatch: Service {
    let rescues: any RescueStore
    let logger: Logger
    let interval: Duration
    let now: @Sendable () -> Date

    public init(rescues: any RescueStore, logger: Logger, interval: Duration = .seconds(5), now: @escaping @Sendable () -> Date = { Date() }) {
        self.rescues = rescues
        self.logger = logger
        self.interval = interval
        self.now = now
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    _ = try await check(now: now())
                } catch is CancellationError {
                    break
                } catch {
                    logger.error("rescue watch: \(error)")
                }
                do { try await Task.sleep(for: interval) } catch { break }
            }
        }
    }

    /// One check of every waiting order as of `now`.
    @discardableResult
    public func check(now: Date) async throws -> RescueDeadlineReport {
        let report = try await rescues.checkRescueDeadlines(now: now)
        for id in report.escalated { logger.warning("rescue \(id) not accepted in time: escalated to the district regulator") }
        for id in report.markedLate { logger.warning("rescue \(id) not arrived by its deadline: marked late") }
        return report
    }
}
