/// The market-supervision office of a district, which counterfeit-label complaints go to.
public enum RegulatorOffice {
    /// The office's name, as complaints are routed to it.
    public static func name(district: String) -> String { "\(district)市场监督管理局" }
}
