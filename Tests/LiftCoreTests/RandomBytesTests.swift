import LiftCore
import Testing

/// Tickets, public ids and session tokens are drawn eight random bytes at a time: each still gets
/// exactly the bytes it asks for, fresh every time.
@Suite struct RandomBytesTests {
    @Test func eachDrawHasTheLengthAskedForAndEveryByteValueComesUp() {
        for count in [0, 1, 7, 8, 9, 13, 32] { #expect(RandomBytes.make(count).count == count) }
        // 65,536 bytes: a value that never came up (about e^-256 of a chance) would mean a byte left unset.
        var seen = Set<UInt8>()
        for _ in 0..<(65_536 / 13 + 1) { seen.formUnion(RandomBytes.make(13)) }
        #expect(seen.count == 256)
        // The last, partial word's bytes are random too, not left at zero.
        #expect(Set((0..<64).map { _ in RandomBytes.make(9)[8] }).count > 8)
    }

    @Test func ticketsAndPublicIDsAreFreshAndKeepTheirShape() {
        let tickets = (0..<2_000).map { _ in Complaint.newTicket() }
        #expect(Set(tickets).count == tickets.count)
        #expect(tickets.allSatisfy { $0.count == 21 && $0.hasPrefix("T") })
        let ids = (0..<2_000).map { _ in Complaint.newPublicID() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 13 && $0.hasPrefix("C") })
        #expect(RescueOrder.newID().count == 13)
    }
}
