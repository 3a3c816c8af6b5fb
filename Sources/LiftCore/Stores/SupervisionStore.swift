import Foundation

/// What regulators query: their area's elevators, maintenance records and complaints, and a
/// daily summary per district (DESIGN.md sections 6 and 8).
///
/// Every query is bounded: pages for JSON, and `forEach…` cursors for exports, which hand rows
/// to a closure one at a time so that a 100,000-row export never holds its rows in memory.
/// Every method is `async`; a `forEach…` body is called on the store's own thread, one row at
/// a time, while the caller waits.
public protocol SupervisionStore: Sendable {
    /// One page of the elevators matching a filter: overdue ones most overdue first, else by number.
    func supervisedElevators(_ filter: SupervisedElevatorFilter, page: PageRequest) async throws -> ResultPage<SupervisedElevator>
    /// Every matching elevator, in page order, up to `limit`.
    func forEachSupervisedElevator(
        _ filter: SupervisedElevatorFilter, limit: Int?, _ body: (SupervisedElevator) throws -> Void) async throws
    /// How many elevators match.
    func count(_ filter: SupervisedElevatorFilter) async throws -> Int

    /// One page of the maintenance records matching a filter, latest first.
    func supervisedRecords(_ filter: SupervisedRecordFilter, page: PageRequest) async throws -> ResultPage<SupervisedRecord>
    /// Every matching record, latest first, up to `limit`.
    func forEachSupervisedRecord(_ filter: SupervisedRecordFilter, limit: Int?, _ body: (SupervisedRecord) throws -> Void) async throws
    /// How many records match.
    func count(_ filter: SupervisedRecordFilter) async throws -> Int

    /// One page of the complaints matching a filter, newest first.
    func supervisedComplaints(_ filter: SupervisedComplaintFilter, page: PageRequest) async throws -> ResultPage<SupervisedComplaint>
    /// Every matching complaint, newest first, up to `limit`.
    func forEachSupervisedComplaint(
        _ filter: SupervisedComplaintFilter, limit: Int?, _ body: (SupervisedComplaint) throws -> Void) async throws
    /// How many complaints match.
    func count(_ filter: SupervisedComplaintFilter) async throws -> Int

    /// The daily summary of each district in the scope, by district name.
    /// - Parameters:
    ///   - day: the Shanghai day summarised.
    ///   - now: the present instant; complaints are counted as they stood at the end of `day` or
    ///     now, whichever is earlier.
    func dailySummary(_ scope: SupervisionScope, day: CivilDate, now: Date) async throws -> [DistrictSummary]
}
