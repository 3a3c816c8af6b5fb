#ifndef LIFTCODE_CZLIBDEFLATE_SHIM_H
#define LIFTCODE_CZLIBDEFLATE_SHIM_H
#include <zlib.h>

/// deflateInit2 is a macro (it passes the header's version and the struct's size), which Swift
/// cannot call: this is it as a function.
static inline int liftcode_deflate_init(z_streamp stream, int level, int windowBits, int memLevel, int strategy) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, strategy);
}
#endif
