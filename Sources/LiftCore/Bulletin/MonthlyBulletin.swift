import Foundation

/// The monthly bulletin (定期通报) of a district: rescues and arrival times, elevators trapped
/// twice or more with their user units, label coverage, scan rate, overdue rate, abnormal records
/// and complaints, for the district and for each maintenance unit, units ranked by `UnitScore`.
public struct MonthlyBulletin: Sendable, Hashable, Codable {
    /// Half-monthly maintenance every 15 days: two visits are due each month per elevator in service.
    public static let visitsDuePerMonth = 2

    public var district: String
    public var month: CivilMonth
    public var measuredOn: CivilDate
    public var figures: BulletinFigures
    /// Units, best score first.
    public var units: [UnitRanking]
    public var repeatTraps: [RepeatTrap]
    /// The score's formula, shown with the ranking.
    public var scoreFormula: String

    /// Computes the bulletin from a store's facts.
    public init(_ facts: BulletinFacts, language: Language = .zh) {
        district = facts.district
        month = facts.month
        measuredOn = facts.measuredOn
        scoreFormula = UnitScore.formula(language)

        // Repeat traps: two or more orders not cancelled on one elevator.
        let trapping = facts.rescues.filter { $0.state != .cancelled }
        let byElevator = Dictionary(grouping: trapping, by: \.number)
        let traps = byElevator.filter { $0.value.count >= 2 }.map { number, orders in
            let latest = orders.max { $0.reportedAt < $1.reportedAt }!
            return RepeatTrap(
                number: number, address: latest.address, userUnit: latest.userUnit, maintenanceUnit: latest.maintenanceUnit,
                rescues: orders.count)
        }.sorted { ($0.rescues, $1.number.value) > ($1.rescues, $0.number.value) }

        repeatTraps = traps
        figures = Self.figures(rescues: facts.rescues, counts: facts.units, complaints: facts.complaints, repeatTraps: traps.count)
        var names = Set(facts.units.compactMap(\.unit))
        names.formUnion(facts.rescues.compactMap(\.maintenanceUnit))
        names.formUnion(facts.complaints.compactMap(\.unit).filter { name in facts.units.contains { $0.unit == name } })
        let scored = names.map { name -> (String, BulletinFigures, Double) in
            let figures = Self.figures(
                rescues: facts.rescues.filter { $0.maintenanceUnit == name }, counts: facts.units.filter { $0.unit == name },
                complaints: facts.complaints.filter { $0.unit == name },
                repeatTraps: traps.filter { $0.maintenanceUnit == name }.count)
            return (name, figures, UnitScore.score(figures))
        }.sorted { ($1.2, $0.0) < ($0.2, $1.0) }
        units = scored.enumerated().map { index, entry in
            UnitRanking(rank: index + 1, unit: entry.0, score: entry.2, stars: UnitScore.stars(entry.2), figures: entry.1)
        }
    }

    /// The figures of a set of orders, unit counts and complaints.
    static func figures(rescues: [RescueOrder], counts: [BulletinUnitCounts], complaints: [BulletinComplaint], repeatTraps: Int) -> BulletinFigures {
        var f = BulletinFigures()
        f.rescues = rescues.count
        f.cancelledRescues = rescues.filter { $0.state == .cancelled }.count
        let minutes = rescues.compactMap(\.arrivalMinutes)
        f.arrivals = minutes.count
        f.averageArrivalMinutes = minutes.isEmpty ? nil : round2(minutes.reduce(0, +) / Double(minutes.count))
        f.longestArrivalMinutes = minutes.max().map(round2)
        f.lateRescues = rescues.filter(\.isLate).count
        f.unverifiedArrivals = rescues.filter { $0.arrival != nil && $0.arrival?.isVerified == false }.count
        f.repeatTrapElevators = repeatTraps
        for count in counts {
            f.elevators += count.elevators
            f.inService += count.inService
            f.labelled += count.labelled
            f.countedVisits += count.countedVisits
            f.overdue += count.overdue
            f.maintenanceRecords += count.records
            f.abnormalRecords += count.abnormalRecords
        }
        f.visitsDue = f.inService * visitsDuePerMonth
        f.labelCoverage = f.elevators > 0 ? Double(f.labelled) / Double(f.elevators) : nil
        f.scanRate = f.visitsDue > 0 ? Double(f.countedVisits) / Double(f.visitsDue) : nil
        f.overdueRate = f.inService > 0 ? Double(f.overdue) / Double(f.inService) : nil
        f.complaints = complaints.count
        let hours = complaints.compactMap { complaint in complaint.resolvedAt.map { $0.timeIntervalSince(complaint.filedAt) / 3600 } }
        f.resolvedComplaints = hours.count
        f.averageResolutionHours = hours.isEmpty ? nil : round2(hours.reduce(0, +) / Double(hours.count))
        f.longestResolutionHours = hours.max().map(round2)
        return f
    }

    static func round2(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
