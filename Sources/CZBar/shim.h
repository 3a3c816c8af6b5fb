#ifndef LIFTCODE_CZBAR_SHIM_H
#define LIFTCODE_CZBAR_SHIM_H
#include <zbar.h>
#endif
