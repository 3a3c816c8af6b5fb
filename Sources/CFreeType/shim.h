#ifndef LIFTCODE_CFREETYPE_SHIM_H
#define LIFTCODE_CFREETYPE_SHIM_H
#include <ft2build.h>
#include FT_FREETYPE_H

/// FT_LOAD_TARGET_MONO is a macro expression Swift does not import.
static inline FT_Int32 liftcode_FT_LOAD_RENDER_MONO(void) {
    return FT_LOAD_RENDER | FT_LOAD_TARGET_MONO;
}
static inline FT_Int32 liftcode_FT_LOAD_RENDER_GRAY(void) {
    return FT_LOAD_RENDER;
}
#endif
