#ifndef LIFTCODE_CPNG_SHIM_H
#define LIFTCODE_CPNG_SHIM_H
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// libpng error and warning handlers: the message goes to the caller's buffer, then longjmp back.
static void liftcode_png_error(png_structp png, png_const_charp message) {
    char *buffer = (char *)png_get_error_ptr(png);
    if (buffer) { strncpy(buffer, message, 255); buffer[255] = 0; }
    png_longjmp(png, 1);
}
static void liftcode_png_warning(png_structp png, png_const_charp message) { (void)png; (void)message; }

/// Where an encoded PNG goes: `append(context, bytes, count)` is called with each piece in order.
typedef void (*liftcode_png_append)(void *context, const unsigned char *bytes, size_t count);
typedef struct { liftcode_png_append append; void *context; } liftcode_png_sink;
static void liftcode_png_write_data(png_structp png, png_bytep data, size_t length) {
    liftcode_png_sink *sink = (liftcode_png_sink *)png_get_io_ptr(png);
    sink->append(sink->context, data, length);
}
static void liftcode_png_flush_data(png_structp png) { (void)png; }

/// Writes a grayscale PNG whose image data is already filtered and compressed: signature, IHDR,
/// pHYs, one IDAT chunk holding `idat` (a zlib stream) and IEND, with libpng framing and checksumming
/// every chunk. Returns 0 on success, or -1 with the message copied into error (256 bytes).
static inline int liftcode_png_write_compressed(liftcode_png_append append, void *context, unsigned int width,
                                                unsigned int height, int bitDepth, unsigned int pixelsPerMeter,
                                                const unsigned char *idat, size_t idatLength, char *error) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, error, liftcode_png_error, liftcode_png_warning);
    if (!png) { strncpy(error, "png_create_write_struct failed", 255); return -1; }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        strncpy(error, "png_create_info_struct failed", 255);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return -1;
    }
    liftcode_png_sink sink = { append, context };
    png_set_write_fn(png, &sink, liftcode_png_write_data, liftcode_png_flush_data);
    png_set_IHDR(png, info, width, height, bitDepth, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (pixelsPerMeter > 0) {
        png_set_pHYs(png, info, pixelsPerMeter, pixelsPerMeter, PNG_RESOLUTION_METER);
    }
    png_write_info(png, info);
    png_write_chunk(png, (png_const_bytep)"IDAT", idat, idatLength);
    png_write_chunk(png, (png_const_bytep)"IEND", NULL, 0);
    png_destroy_write_struct(&png, &info);
    return 0;
}
#endif
