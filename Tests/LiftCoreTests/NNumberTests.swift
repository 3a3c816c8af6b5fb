import Testing

@testable import LiftCore

@Suite struct NNumberTests {
    @Test(arguments: ["N006109", "n006109", "006109", "  N006109\t"])
    func parsesTheForms(_ text: String) throws {
        let number = try NNumber(parsing: text)
        #expect(number.value == 6109)
        #expect(number.description == "N006109")
        #expect(number.districtDigit == 0)
    }

    @Test func districtDigitIsTheFirstDigit() throws {
        #expect(try NNumber(parsing: "N202300").districtDigit == 2)
        #expect(try NNumber(parsing: "N999999").districtDigit == 9)
    }

    @Test func refusesWithTheReason() {
        #expect(throws: NNumberError.neverIssued) { try NNumber(parsing: "N000000") }
        #expect(throws: NNumberError.wrongLength("N06109", 5)) { try NNumber(parsing: "N06109") }
        #expect(throws: NNumberError.wrongLength("1234567", 7)) { try NNumber(parsing: "1234567") }
        #expect(throws: NNumberError.notDigits("N0061O9")) { try NNumber(parsing: "N0061O9") }
        #expect(throws: NNumberError.empty) { try NNumber(parsing: "  ") }
        #expect(throws: NNumberError.notDigits("X006109")) { try NNumber(parsing: "X006109") }
    }

    @Test func districtDirectoryReadsTheCSV() throws {
        let directory = try DistrictDirectory(csv: "prefix,district,note\n0,崇川区,seen\n2,南通开发区,seen\n")
        #expect(directory.district(named: "崇川区")?.digit == 0)
        #expect(directory.district(named: "2")?.name == "南通开发区")
        #expect(directory.district(of: try NNumber(parsing: "N202300"))?.name == "南通开发区")
        #expect(directory.district(named: "港闸区") == nil)
        #expect(District(digit: 0, name: "崇川区").numberRange == 1...99_999)
        #expect(District(digit: 3, name: "通州区").numberRange == 300_000...399_999)
    }

    @Test func districtDirectoryNamesABadLine() {
        #expect(throws: DirectoryError.self) { try DistrictDirectory(csv: "prefix,district\n0,崇川区\nx,港闸区\n") }
        #expect(throws: DirectoryError.self) { try DistrictDirectory(csv: "prefix,district\n0,崇川区\n0,港闸区\n") }
    }
}
