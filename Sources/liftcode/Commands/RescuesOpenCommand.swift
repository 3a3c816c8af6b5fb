import ArgumentParser
import Foundation
import LiftCore
import LiftStore

/// `liftcode rescues open --elevator N006109`: a call taken by the 96333 line opens a rescue order
/// and dispatches it to the elevator's maintenance unit (or joins the elevator's open order).
struct RescuesOpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a rescue order for a call taken by phone, and dispatch it to the elevator's maintenance unit.",
        discussion: """
            Example:
              liftcode rescues open --elevator N006109 --phone 13912345678 --note "2人被困，8楼与9楼之间"
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var rescue: RescueOptions

    @Option(help: ArgumentHelp("The elevator number (N006109 or 006109).", valueName: "number"))
    var elevator: String

    @Option(help: ArgumentHelp("The caller's number, for the maintenance unit alone.", valueName: "phone"))
    var phone: String?

    @Option(help: ArgumentHelp("What the caller said (at most 500 characters).", valueName: "text"))
    var note: String?

    func validate() throws {
        guard (try? NNumber(parsing: elevator)) != nil else { throw ValidationError("--elevator \(elevator) is not an elevator number (N006109)") }
        if let phone, !ComplaintDraft.isMainlandMobile(phone), !(phone.count <= 13 && phone.allSatisfy(\.isNumber)) {
            throw ValidationError("--phone \(phone) is not a phone number")
        }
        if let note, note.count > 500 { throw ValidationError("--note is longer than 500 characters") }
    }

    func run() async throws {
        let database = try await global.openStores(rescuePolicy: try rescue.policy())
        let number = try NNumber(parsing: elevator)
        let order: RescueOrder
        do {
            order = try await database.openRescue(
                RescueFiling(
                    number: number, source: .phone, verification: .unverified, callerPhone: phone,
                    note: note.map(NationalIDMask.masking), receivedAt: Date(), by: "96333 (command line)"))
        } catch RescueStoreError.unknownElevator(let number) {
            throw CommandFailure("elevator \(number) is not registered")
        }
        print("rescue \(order.id) for \(order.number): \(order.state.name(in: .zh)) \(order.maintenanceUnit ?? "(no maintenance unit: the regulator is alerted when acceptance is due)")")
        print("accept by \(ShanghaiTime.format(order.acceptBy)), arrive by \(ShanghaiTime.format(order.arriveBy))")
        if order.reports > 1 { print("(joined the open order of this elevator: \(order.reports) reports)") }
    }
}
