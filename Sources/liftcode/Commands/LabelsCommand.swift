import ArgumentParser

/// `liftcode labels issue|resume|list|verify|revoke`.
struct LabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels",
        abstract: "Issue signed N-numbered labels as printable PNG or PDF sheets or ZPL labels, and verify or revoke them.",
        subcommands: [
            LabelsIssueCommand.self, LabelsResumeCommand.self, LabelsProofCommand.self, LabelsListCommand.self, LabelsVerifyCommand.self,
            LabelsRevokeCommand.self,
        ]
    )
}
