#ifndef LIFTCODE_COPENSSL_SHIM_H
#define LIFTCODE_COPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <openssl/rand.h>
#include <openssl/hmac.h>

/// BIO_get_mem_data is a macro; Swift cannot call it.
static inline long liftcode_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

/// OPENSSL_free is a macro; Swift cannot call it.
static inline void liftcode_OPENSSL_free(void *pointer) {
    OPENSSL_free(pointer);
}
#endif
