/// How a batch numbers its labels, whichever store keeps the ledger.
public enum LabelNumbering {
    /// The district's first `count` numbers in `used` by no elevator and no label, lowest first.
    /// Throws `badCount` for a count below one and `districtFull` when fewer are free.
    public static func freshNumbers(_ count: Int, in district: District, used: Set<Int>) throws(LedgerError) -> [NNumber] {
        guard count > 0 else { throw .badCount(count) }
        var numbers: [NNumber] = []
        numbers.reserveCapacity(count)
        var candidate = district.numberRange.lowerBound
        while numbers.count < count && candidate <= district.numberRange.upperBound {
            if !used.contains(candidate), let number = NNumber(value: candidate) { numbers.append(number) }
            candidate += 1
        }
        guard numbers.count == count else { throw .districtFull(district.name, available: numbers.count, requested: count) }
        return numbers
    }

    /// The serial of an elevator's next label after its last one (1 for its first); throws
    /// `serialsExhausted` past `LabelCode.maximumSerial`.
    public static func nextSerial(after last: Int?, for number: NNumber) throws(LedgerError) -> Int {
        let next = (last ?? 0) + 1
        guard next <= LabelCode.maximumSerial else { throw .serialsExhausted(number) }
        return next
    }
}
