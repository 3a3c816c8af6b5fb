import Foundation
import LiftCore

/// The kiosk's behaviour as a pure state machine: input bytes, clock ticks and backend answers in;
/// a new ``KioskState`` and ``KioskEffect``s out. No I/O, so tests drive it byte by byte.
///
/// A scan is the scanner's characters and then Enter (or Tab). On screens with single-key actions
/// (C/S/A on a card, 1-9 for the problem) a key is an action only while nothing has been typed:
/// a label code starts with "H" (HTTP…) and a typed number with a digit or "N", so a scan arriving
/// on any screen is read as a scan.
public struct KioskMachine: Sendable {
    public private(set) var state = KioskState()
    public let settings: KioskSettings
    private var decoder = KeyDecoder()
    private var admin: AdminSequenceMatcher
    private var lastActivity: Date
    private var inputSinceTick = false
    private var nextRequestID = 1

    /// Longest complaint text taken, in characters.
    public static let maximumText = ComplaintDraft.maximumTextLength
    /// Longest phone field, in characters.
    public static let maximumPhone = 20

    public init(settings: KioskSettings, now: Date) {
        self.settings = settings
        admin = AdminSequenceMatcher(sequence: settings.adminSequence)
        lastActivity = now
    }

    // MARK: - Events

    /// Bytes read from the terminal.
    public mutating func receive(_ bytes: some Collection<UInt8>, at now: Date) -> [KioskEffect] {
        guard !bytes.isEmpty else { return [] }
        inputSinceTick = true
        if admin.feed(bytes) { return [.exit] }
        var effects: [KioskEffect] = []
        for key in decoder.decode(bytes) {
            effects += press(key, at: now)
            if effects.contains(.exit) { break }
        }
        return effects
    }

    /// The clock: idle timeout, lookup retries, and a lone Escape key.
    public mutating func tick(at now: Date) -> [KioskEffect] {
        var effects: [KioskEffect] = []
        if !inputSinceTick {
            for key in decoder.flushPending() { effects += press(key, at: now) }
        }
        inputSinceTick = false
        if case .lookingUp(var pending) = state.screen, let retryAt = pending.retryAt, now >= retryAt {
            pending.attempt += 1
            pending.retryAt = nil
            pending.requestID = newRequestID()
            state.screen = .lookingUp(pending)
            effects.append(.lookup(id: pending.requestID, pending.input))
        }
        if now.timeIntervalSince(lastActivity) >= settings.idleTimeout, !isSending,
            state.screen != .waiting || state.notice != nil || !state.input.isEmpty
        {
            state = KioskState()
        }
        return effects
    }

    /// A lookup's answer.
    public mutating func lookupFinished(id: Int, result: Result<ScanResult, KioskBackendError>, at now: Date) -> [KioskEffect] {
        guard case .lookingUp(var pending) = state.screen, pending.requestID == id else { return [] }
        switch result {
        case .success(let answer):
            state.screen = .card(ScanCard(input: pending.input, result: answer))
        case .failure(let error) where error.isTransient:
            pending.failure = error.description
            pending.retryAt = now.addingTimeInterval(Self.retryDelay(afterAttempt: pending.attempt))
            state.screen = .lookingUp(pending)
        case .failure(let error):
            state.screen = .waiting
            state.notice = .failed(error.description)
        }
        return []
    }

    /// A filed complaint's answer.
    public mutating func filingFinished(id: Int, result: Result<KioskTicket, KioskBackendError>, at now: Date) -> [KioskEffect] {
        guard case .complaint(var entry) = state.screen, entry.step == .sending(requestID: id) else { return [] }
        lastActivity = now
        switch result {
        case .success(let ticket):
            state.screen = .ticket(ticket, number: entry.card.input.number)
        case .failure(let error):
            entry.step = .phone
            entry.error = error.description
            entry.canRetry = error.isTransient
            state.screen = .complaint(entry)
        }
        return []
    }

    /// Seconds before retrying a lookup: 1, 2, 4, 8, then every 10.
    static func retryDelay(afterAttempt attempt: Int) -> Double {
        min(10, pow(2, Double(min(max(attempt - 1, 0), 4))))
    }

    // MARK: - Keys

    /// One decoded key.
    public mutating func press(_ key: KioskKey, at now: Date) -> [KioskEffect] {
        if key == .ignored { return [] }
        lastActivity = now
        if key == .interrupt { return settings.allowExit ? [.exit] : [] }
        if case .complaint(let entry) = state.screen, state.input.isEmpty {
            switch entry.step {
            case .text: return textKey(key, entry: entry, at: now)
            case .sending: return []
            case .problem(let selected): if let effects = problemKey(key, entry: entry, selected: selected) { return effects }
            case .phone: if let effects = phoneKey(key, entry: entry) { return effects }
            }
        }
        if case .card(let card) = state.screen, state.input.isEmpty, card.acceptsComplaints, let category = Self.category(for: key) {
            state.notice = nil
            state.screen = .complaint(ComplaintEntry(card: card, category: category))
            return []
        }
        return scanKey(key, at: now)
    }

    /// The category a card's key asks for: C/F1 complaint, S/F2 suggestion, A/F3 alarm.
    static func category(for key: KioskKey) -> ComplaintCategory? {
        switch key {
        case .character("c"), .character("C"), .function(1): .complaint
        case .character("s"), .character("S"), .function(2): .suggestion
        case .character("a"), .character("A"), .function(3): .alarm
        default: nil
        }
    }

    /// Keys on a screen that takes scans (and on complaint screens once a scan has begun).
    private mutating func scanKey(_ key: KioskKey, at now: Date) -> [KioskEffect] {
        switch key {
        case .character(let character):
            if state.input.isEmpty { state.notice = nil }
            appendInput(String(character))
        case .paste(let text):
            state.notice = nil
            appendInput(text)
        case .backspace:
            if !state.input.isEmpty { state.input.removeLast() }
        case .enter, .tab:
            if !state.input.trimmed.isEmpty { return submitScan() }
            state.input = ""
            if key == .enter, case .ticket = state.screen { state.screen = .waiting }
        case .escape:
            if !state.input.isEmpty {
                state.input = ""
            } else {
                goBack()
            }
        default:
            break
        }
        return []
    }

    /// Adds scanned text, keeping at most a little more than a scan can be (so "too long" is known).
    private mutating func appendInput(_ text: String) {
        let room = ScanInput.maximumLength + 1 - state.input.utf8.count
        guard room > 0 else { return }
        if text.utf8.count <= room {
            state.input += text
        } else {
            state.input += String(decoding: text.utf8.prefix(room), as: UTF8.self)
        }
    }

    /// Escape with nothing typed: one step back.
    private mutating func goBack() {
        state.notice = nil
        switch state.screen {
        case .waiting: break
        case .lookingUp, .card, .ticket: state.screen = .waiting
        case .complaint(var entry):
            switch entry.step {
            case .problem: state.screen = .card(entry.card)
            case .text: entry.step = .problem(selected: entry.problem.flatMap { ComplaintProblem.allCases.firstIndex(of: $0) } ?? 0)
            case .phone: entry.step = .text
            case .sending: return
            }
            entry.error = nil
            if case .complaint = state.screen { state.screen = .complaint(entry) }
        }
    }

    /// Enter after a scan or a typed number.
    private mutating func submitScan() -> [KioskEffect] {
        let line = state.input
        state.input = ""
        do {
            let input = try ScanInput(reading: line)
            state.notice = nil
            let id = newRequestID()
            state.screen = .lookingUp(PendingLookup(input: input, requestID: id, attempt: 1))
            return [.lookup(id: id, input)]
        } catch {
            state.notice = .unreadable(error)
            switch state.screen {
            case .card, .waiting: break
            case .complaint(let entry) where entry.step != .text: break
            default: state.screen = .waiting
            }
            return []
        }
    }

    private mutating func newRequestID() -> Int {
        defer { nextRequestID += 1 }
        return nextRequestID
    }

    private var isSending: Bool {
        if case .complaint(let entry) = state.screen, case .sending = entry.step { return true }
        return false
    }

    // MARK: - Complaint steps

    /// The problem list: 1-9, arrows and Enter. Nil when the key is not the list's (a scan begins).
    private mutating func problemKey(_ key: KioskKey, entry: ComplaintEntry, selected: Int) -> [KioskEffect]? {
        var entry = entry
        let problems = ComplaintProblem.allCases
        switch key {
        case .character(let character):
            guard let digit = character.wholeNumberValue, (1...problems.count).contains(digit), character.isASCII else { return nil }
            choose(problems[digit - 1], in: &entry)
        case .up:
            entry.step = .problem(selected: (selected + problems.count - 1) % problems.count)
        case .down, .tab:
            entry.step = .problem(selected: (selected + 1) % problems.count)
        case .enter:
            choose(problems[min(max(selected, 0), problems.count - 1)], in: &entry)
        default:
            return nil
        }
        state.screen = .complaint(entry)
        return []
    }

    private mutating func choose(_ problem: ComplaintProblem, in entry: inout ComplaintEntry) {
        entry.problem = problem
        entry.step = .text
        entry.error = nil
        state.notice = nil
    }

    /// The optional text: anything printable, typed, pasted or committed by an input method.
    private mutating func textKey(_ key: KioskKey, entry: ComplaintEntry, at now: Date) -> [KioskEffect] {
        var entry = entry
        switch key {
        case .character(let character):
            if entry.text.count < Self.maximumText { entry.text.append(character) }
        case .paste(let text):
            entry.text += text.prefix(max(0, Self.maximumText - entry.text.count))
        case .backspace:
            if !entry.text.isEmpty { entry.text.removeLast() }
        case .enter:
            // A label scanned into the text box is a scan, not a complaint text.
            if entry.text.contains("/"), (try? ScanInput(reading: entry.text)) != nil {
                state.input = entry.text
                return submitScan()
            }
            entry.step = .phone
            entry.error = nil
        case .escape:
            entry.step = .problem(selected: entry.problem.flatMap { ComplaintProblem.allCases.firstIndex(of: $0) } ?? 0)
            entry.error = nil
        default:
            return []
        }
        state.screen = .complaint(entry)
        return []
    }

    /// The optional phone: digits, spaces and dashes; Enter sends. Nil when a scan begins.
    private mutating func phoneKey(_ key: KioskKey, entry: ComplaintEntry) -> [KioskEffect]? {
        var entry = entry
        switch key {
        case .character(let character):
            guard character.isASCII, character.isNumber || character == " " || character == "-" else { return nil }
            if entry.phone.count < Self.maximumPhone { entry.phone.append(character) }
            entry.error = nil
            entry.canRetry = false
        case .backspace:
            if !entry.phone.isEmpty { entry.phone.removeLast() }
            entry.error = nil
        case .enter:
            do {
                _ = try entry.draft.validated()
            } catch {
                entry.error = error.message(in: settings.language)
                entry.canRetry = false
                state.screen = .complaint(entry)
                return []
            }
            let id = newRequestID()
            entry.step = .sending(requestID: id)
            entry.error = nil
            entry.canRetry = false
            state.screen = .complaint(entry)
            return [.file(id: id, entry.draft, about: entry.card.input)]
        case .escape:
            return nil
        default:
            return []
        }
        state.screen = .complaint(entry)
        return []
    }
}
