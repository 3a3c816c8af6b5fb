#ifndef LIFTCODE_CPNG_SHIM_H
#define LIFTCODE_CPNG_SHIM_H
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

/// Writes a grayscale image to an open file with libpng's full API, so that pHYs is set.
/// libpng reports errors by longjmp, which Swift cannot catch, so the whole write lives here.
/// rows: height pointers to packed rows (bitDepth 1: 8 pixels a byte, MSB first, 1 = white).
/// Returns 0 on success, or -1 with the message copied into error (errorSize bytes).
static void liftcode_png_error(png_structp png, png_const_charp message) {
    char *buffer = (char *)png_get_error_ptr(png);
    if (buffer) { strncpy(buffer, message, 255); buffer[255] = 0; }
    png_longjmp(png, 1);
}
static void liftcode_png_warning(png_structp png, png_const_charp message) { (void)png; (void)message; }

static inline int liftcode_png_write_gray(FILE *file, unsigned int width, unsigned int height,
                                          int bitDepth, const unsigned char *const *rows,
                                          unsigned int pixelsPerMeter, int compressionLevel,
                                          char *error) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, error, liftcode_png_error, liftcode_png_warning);
    if (!png) { strncpy(error, "png_create_write_struct failed", 255); return -1; }
    png_infop info = png_create_info_struct(png);
    if (!info) { png_destroy_write_struct(&png, NULL); strncpy(error, "png_create_info_struct failed", 255); return -1; }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return -1;
    }
    png_init_io(png, file);
    png_set_compression_level(png, compressionLevel);
    png_set_IHDR(png, info, width, height, bitDepth, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (pixelsPerMeter > 0) {
        png_set_pHYs(png, info, pixelsPerMeter, pixelsPerMeter, PNG_RESOLUTION_METER);
    }
    png_write_info(png, info);
    png_write_image(png, (png_bytepp)rows);
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return 0;
}
#endif
