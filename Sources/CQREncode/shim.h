#ifndef LIFTCODE_CQRENCODE_SHIM_H
#define LIFTCODE_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
