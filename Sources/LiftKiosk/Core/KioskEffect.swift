import LiftCore

/// Work the machine asks for; its answer comes back as an event carrying the same request id.
public enum KioskEffect: Sendable, Equatable {
    /// Look up a scan or a typed number.
    case lookup(id: Int, ScanInput)
    /// File a complaint about the elevator of a scan.
    case file(id: Int, ComplaintDraft, about: ScanInput)
    /// Leave the kiosk (the admin sequence, or Ctrl-C with --allow-exit).
    case exit
}
