import Foundation
import Testing

@testable import LiftCore

@Suite struct CivilDateTests {
    @Test func parsesBothRegistryForms() throws {
        #expect(try CivilDate(parsing: "2017-10-28") == CivilDate(year: 2017, month: 10, day: 28))
        #expect(try CivilDate(parsing: "2017/10/1") == CivilDate(year: 2017, month: 10, day: 1))
        #expect(try CivilDate(parsing: "2017/10/1").description == "2017-10-01")
    }

    @Test func refusesImpossibleDays() throws {
        #expect(throws: CivilDateError.impossible("2019-02-29")) { try CivilDate(parsing: "2019-02-29") }
        #expect(throws: CivilDateError.impossible("2017-13-01")) { try CivilDate(parsing: "2017-13-01") }
        #expect(throws: CivilDateError.notADate("next week")) { try CivilDate(parsing: "next week") }
        #expect(try CivilDate(parsing: "2020-02-29").day == 29)
    }

    @Test func writesAndReadsTheDatabaseFormExactly() throws {
        #expect(CivilDate(year: 2017, month: 1, day: 2)?.description == "2017-01-02")
        #expect(CivilMonth(year: 2026, month: 3)?.description == "2026-03")
        #expect(614.zeroPadded(6) == "000614" && (-7).zeroPadded(3) == "-007" && 123_456.zeroPadded(2) == "123456")
        for days in stride(from: -3000, through: 60000, by: 37) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(try CivilDate(parsing: date.description) == date)
        }
        #expect(try CivilDate(parsing: "2017-1-022") == CivilDate(year: 2017, month: 1, day: 22), "registries write short and padded parts")
        #expect(throws: CivilDateError.notADate("2017-10-2x")) { try CivilDate(parsing: "2017-10-2x") }
    }

    @Test func dayArithmeticRoundTrips() throws {
        let day = try CivilDate(parsing: "2024-02-28")
        #expect(day.adding(days: 1).description == "2024-02-29")
        #expect(day.adding(days: 2).description == "2024-03-01")
        #expect(CivilDate(daysSinceEpoch: 0).description == "1970-01-01")
        for offset in stride(from: -40_000, through: 40_000, by: 997) {
            #expect(CivilDate(daysSinceEpoch: offset).daysSinceEpoch == offset)
        }
    }

    @Test func shanghaiDaysStartAtUTCSixteenHundred() throws {
        // 2017-10-12 16:00 UTC is 2017-10-13 00:00 in Shanghai.
        let midnight = try #require(ShanghaiTime.parseLocal("2017-10-13 00:00"))
        #expect(midnight.timeIntervalSince1970 == 1_507_824_000)
        #expect(ShanghaiTime.day(of: midnight).description == "2017-10-13")
        #expect(ShanghaiTime.day(of: midnight.addingTimeInterval(-1)).description == "2017-10-12")
        #expect(ShanghaiTime.format(try #require(ShanghaiTime.parseLocal("2017-10-13 13:53"))) == "2017-10-13 13:53")
    }
}
