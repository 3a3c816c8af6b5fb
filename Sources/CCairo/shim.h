#ifndef LIFTCODE_CCAIRO_SHIM_H
#define LIFTCODE_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <stdlib.h>

/// A FreeType library and face of their own for one cairo font face, freed together when cairo
/// drops the font face (it may keep it in a cache after the caller's last reference is gone).
typedef struct {
    FT_Library library;
    FT_Face face;
} liftcode_cairo_ft_holder;

static void liftcode_cairo_ft_holder_free(void *data) {
    liftcode_cairo_ft_holder *holder = (liftcode_cairo_ft_holder *)data;
    if (holder->face) FT_Done_Face(holder->face);
    if (holder->library) FT_Done_FreeType(holder->library);
    free(holder);
}

/// A cairo font face for face `index` of the font file `path`, drawn through cairo-ft (so PDF
/// surfaces embed a subset of it). Returns NULL with `*error` set to FreeType's error code (or -1
/// when memory or cairo failed).
static inline cairo_font_face_t *liftcode_cairo_ft_font_face(const char *path, long index, int *error) {
    static cairo_user_data_key_t holder_key;  /* only its address matters */
    liftcode_cairo_ft_holder *holder = (liftcode_cairo_ft_holder *)calloc(1, sizeof(liftcode_cairo_ft_holder));
    if (!holder) { *error = -1; return NULL; }
    int status = FT_Init_FreeType(&holder->library);
    if (status) { holder->library = NULL; liftcode_cairo_ft_holder_free(holder); *error = status; return NULL; }
    status = FT_New_Face(holder->library, path, index, &holder->face);
    if (status) { holder->face = NULL; liftcode_cairo_ft_holder_free(holder); *error = status; return NULL; }
    cairo_font_face_t *face = cairo_ft_font_face_create_for_ft_face(holder->face, 0);
    if (cairo_font_face_status(face) != CAIRO_STATUS_SUCCESS
        || cairo_font_face_set_user_data(face, &holder_key, holder, liftcode_cairo_ft_holder_free)
               != CAIRO_STATUS_SUCCESS) {
        cairo_font_face_destroy(face);
        liftcode_cairo_ft_holder_free(holder);
        *error = -1;
        return NULL;
    }
    *error = 0;
    return face;
}
#endif
