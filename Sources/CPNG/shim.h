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

/// Writes a grayscale image to an open file with libpng's full API, so that pHYs is set.
/// libpng reports errors by longjmp, which Swift cannot catch, so the whole write lives here.
/// rows: height pointers to packed rows (bitDepth 1: 8 pixels a byte, MSB first, 1 = white;
/// with invert set, 1 = black: each row is inverted a machine word at a time into a scratch row,
/// which is several times cheaper than libpng's byte-wise png_set_invert_mono).
/// compressionStrategy: a zlib strategy (Z_DEFAULT_STRATEGY 0, Z_FILTERED 1, Z_RLE 3).
/// filters: PNG_FILTER_NONE, PNG_FILTER_UP, ... (PNG_FILTER_UP turns a row equal to the one above
/// into zeros, which Z_RLE compresses fastest).
/// Returns 0 on success, or -1 with the message copied into error (256 bytes).
static inline int liftcode_png_write_gray(FILE *file, unsigned int width, unsigned int height,
                                          int bitDepth, const unsigned char *const *rows,
                                          unsigned int pixelsPerMeter, int compressionLevel,
                                          int compressionStrategy, int filters, int invert,
                                          char *error) {
    size_t rowBytes = ((size_t)width * (size_t)bitDepth + 7) / 8;
    unsigned char *scratch = invert ? (unsigned char *)malloc(rowBytes + sizeof(unsigned long long)) : NULL;
    if (invert && !scratch) { strncpy(error, "out of memory", 255); return -1; }
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, error, liftcode_png_error, liftcode_png_warning);
    if (!png) { free(scratch); strncpy(error, "png_create_write_struct failed", 255); return -1; }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        free(scratch);
        strncpy(error, "png_create_info_struct failed", 255);
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(scratch);
        return -1;
    }
    png_init_io(png, file);
    png_set_compression_level(png, compressionLevel);
    png_set_compression_strategy(png, compressionStrategy);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
    png_set_IHDR(png, info, width, height, bitDepth, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (pixelsPerMeter > 0) {
        png_set_pHYs(png, info, pixelsPerMeter, pixelsPerMeter, PNG_RESOLUTION_METER);
    }
    png_write_info(png, info);
    for (unsigned int y = 0; y < height; y++) {
        if (scratch) {
            size_t words = rowBytes / sizeof(unsigned long long);
            for (size_t i = 0; i < words; i++) {
                unsigned long long word;
                memcpy(&word, rows[y] + i * sizeof word, sizeof word);
                word = ~word;
                memcpy(scratch + i * sizeof word, &word, sizeof word);
            }
            for (size_t i = words * sizeof(unsigned long long); i < rowBytes; i++) {
                scratch[i] = (unsigned char)~rows[y][i];
            }
            png_write_row(png, scratch);
        } else {
            png_write_row(png, rows[y]);
        }
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(scratch);
    return 0;
}
#endif
