import Testing

@testable import LiftCore

@Suite struct InsuranceTests {
    func policy(_ number: String, _ from: CivilDate, _ to: CivilDate) -> Insurance {
        Insurance(insurer: "人保", policyNumber: number, coverage: "电梯安全责任险", validFrom: from, validTo: to)
    }

    func day(_ year: Int, _ month: Int, _ day: Int) -> CivilDate { CivilDate(year: year, month: month, day: day)! }

    @Test func thePageShowsThePolicyInForceElseTheLastExpiredOne() {
        let old = policy("2025", day(2025, 3, 1), day(2026, 2, 28))
        let current = policy("2026", day(2026, 3, 1), day(2027, 2, 28))
        let next = policy("2027", day(2027, 3, 1), day(2028, 2, 29))
        let policies = [next, old, current]
        #expect(Insurance.shown(among: policies, on: day(2026, 11, 25)) == current)
        #expect(Insurance.shown(among: policies, on: day(2026, 3, 1)) == current, "its first day")
        #expect(Insurance.shown(among: policies, on: day(2026, 2, 28)) == old, "the old one's last day")
        #expect(Insurance.shown(among: policies, on: day(2028, 3, 1)) == next, "all expired: the last one")
        #expect(Insurance.shown(among: policies, on: day(2028, 3, 1))?.isExpired(on: day(2028, 3, 1)) == true)
        #expect(Insurance.shown(among: [next], on: day(2026, 11, 25)) == nil, "not started yet: nothing covers today")
        #expect(Insurance.shown(among: [], on: day(2026, 11, 25)) == nil)
        // Overlapping policies: the one running longest.
        let extension_ = policy("2026b", day(2026, 6, 1), day(2027, 5, 31))
        #expect(Insurance.shown(among: [current, extension_], on: day(2026, 11, 25)) == extension_)
    }

    @Test func contactPhonesAreCheckedAndCompacted() throws {
        #expect(try ContactPhone.checked(" 0513-8512 3456 ") == "0513-85123456")
        #expect(try ContactPhone.checked("95518") == "95518")
        #expect(try ContactPhone.checked("+86-13912345678") == "+86-13912345678")
        for bad in ["", "call us", "1234", "0513--85123456", "0513-", "12345678901234567", "0513-8512345６"] {
            #expect(throws: ContactPhoneError.self) { try ContactPhone.checked(bad) }
        }
    }
}
