import Foundation
import LiftCore
import LiftStore

/// The demo's rescue orders: one open (a passenger's trapped report, so its ticket page shows the
/// rescue), one late (accepted after the acceptance deadline, reached after the arrival deadline
/// by a typed number), and one completed (reached in 13.5 minutes, proven by the label, closed).
enum DemoRescues {
    struct Made {
        var openTicket: String
        var openID: String
        var lateID: String
        var completedID: String
    }

    static func seed(_ database: AppDatabase, open: NNumber, late: NNumber, completed: NNumber, now: Date) async throws -> Made {
        // Completed: three days ago.
        let day = 86_400.0
        let completedAt = now.addingTimeInterval(-3 * day)
        let done = try await database.openRescue(
            RescueFiling(number: completed, source: .phone, verification: .unverified, note: "1人被困", receivedAt: completedAt, by: "96333"))
        _ = try await database.apply(.accept(rescuer: "陈建章", phone: "13912345678"), to: done.id, by: "demo", at: completedAt.addingTimeInterval(120))
        _ = try await database.apply(.arrive(.verified), to: done.id, by: "demo", at: completedAt.addingTimeInterval(13.5 * 60))
        _ = try await database.apply(.release, to: done.id, by: "demo", at: completedAt.addingTimeInterval(21 * 60))
        _ = try await database.apply(.close, to: done.id, by: "demo", at: completedAt.addingTimeInterval(40 * 60))

        // Late: yesterday; nobody accepted for 8 minutes (escalated), the rescuer typed the number at 42.
        let lateAt = now.addingTimeInterval(-day)
        let slow = try await database.openRescue(
            RescueFiling(number: late, source: .phone, verification: .unverified, note: "2人被困", receivedAt: lateAt, by: "96333"))
        _ = try await database.checkRescueDeadlines(now: lateAt.addingTimeInterval(6 * 60))
        _ = try await database.apply(.accept(rescuer: "季龙龙", phone: "13812345678"), to: slow.id, by: "demo", at: lateAt.addingTimeInterval(8 * 60))
        _ = try await database.apply(.arrive(.typedNumber), to: slow.id, by: "demo", at: lateAt.addingTimeInterval(42 * 60))
        _ = try await database.apply(.release, to: slow.id, by: "demo", at: lateAt.addingTimeInterval(55 * 60))

        // Open: a passenger's report from the label page a minute ago.
        let complaint = try await database.file(
            ComplaintFiling(
                draft: ComplaintDraft(category: .alarm, problem: .trapped, text: "电梯停在两层之间，有2人被困"), number: open, label: nil,
                verification: .unverified, receivedAt: now.addingTimeInterval(-60)))
        return Made(openTicket: complaint.ticket, openID: complaint.rescueID ?? "", lateID: slow.id, completedID: done.id)
    }
}
