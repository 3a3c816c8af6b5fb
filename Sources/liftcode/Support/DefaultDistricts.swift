import LiftCore

/// The districts of the bureau's platform, used when no Labels/districts.csv is at hand.
enum DefaultDistricts {
    static let directory = DistrictDirectory([
        District(digit: 0, name: "崇川区"), District(digit: 1, name: "港闸区"),
        District(digit: 2, name: "南通开发区"), District(digit: 3, name: "通州区"),
        District(digit: 4, name: "海安市"), District(digit: 5, name: "海门市"),
        District(digit: 6, name: "启东市"), District(digit: 7, name: "如东县"),
        District(digit: 8, name: "如皋市"), District(digit: 9, name: "通州湾示范区"),
    ])
}
