import CCairo
import Foundation

/// One PDF file being drawn with cairo: pages of a fixed size, streamed to a ``StreamingFileWriter``.
///
/// Owns the cairo PDF surface and its drawing context; confined to one worker. The creation date is
/// the batch's, so the same batch always gives the same bytes.
final class PDFDocument {
    /// The `cairo_t` to draw with; one user unit is one pixel of the layout's resolution.
    let context: OpaquePointer
    private let surface: OpaquePointer
    private let sink: Unmanaged<StreamingFileWriter>

    /// Starts a PDF of `widthPoints` × `heightPoints` pages, drawn in units of 1/`dotsPerInch` inch.
    init(writer: StreamingFileWriter, widthPoints: Double, heightPoints: Double, dotsPerInch: Int, created: Date) throws(PDFRenderingError) {
        let sink = Unmanaged.passRetained(writer)
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<StreamingFileWriter>.fromOpaque(closure).takeUnretainedValue()
                .append(UnsafeRawBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        guard let surface = cairo_pdf_surface_create_for_stream(write, sink.toOpaque(), widthPoints, heightPoints) else {
            sink.release()
            throw PDFRenderingError("cannot create a PDF surface", status: CAIRO_STATUS_NO_MEMORY.rawValue)
        }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            sink.release()
            throw PDFRenderingError("cannot create a PDF surface", status: status.rawValue)
        }
        self.surface = surface
        self.context = context
        self.sink = sink
        let date = ISO8601DateFormatter.string(from: created, timeZone: TimeZone(secondsFromGMT: 0)!, formatOptions: [.withInternetDateTime])
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "liftcode")
        let scale = 72 / Double(dotsPerInch)
        cairo_scale(context, scale, scale)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
        sink.release()
    }

    /// Ends the current page and starts the next.
    func showPage() throws(PDFRenderingError) {
        cairo_show_page(context)
        try check("drawing a page")
    }

    /// Writes the rest of the PDF (fonts, page tree, trailer) to the writer.
    func finish() throws(PDFRenderingError) {
        try check("drawing the last page")
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw PDFRenderingError("finishing the PDF", status: status.rawValue) }
    }

    private func check(_ what: String) throws(PDFRenderingError) {
        let status = cairo_status(context)
        guard status == CAIRO_STATUS_SUCCESS else { throw PDFRenderingError(what, status: status.rawValue) }
    }
}
