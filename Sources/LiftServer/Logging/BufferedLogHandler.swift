import Logging

/// swift-log's `StreamLogHandler` (the same line format as every other liftcode log) writing
/// through a `LogOutputBuffer`: a warning, an error or a critical line has what came before it
/// written at once (by the buffer's queue: the caller never waits for the log's reader), so what
/// matters when something goes wrong is not left waiting in memory.
public struct BufferedLogHandler: LogHandler {
    private var lines: StreamLogHandler
    private let output: LogOutputBuffer

    public init(label: String, output: LogOutputBuffer) {
        lines = StreamLogHandler(label: label, stream: output)
        self.output = output
    }

    public var logLevel: Logger.Level {
        get { lines.logLevel }
        set { lines.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { lines.metadata }
        set { lines.metadata = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { lines.metadataProvider }
        set { lines.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { lines[metadataKey: key] }
        set { lines[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        lines.log(event: event)
        if event.level >= .warning { output.flushSoon() }
    }
}
