#pragma once
// SHA256_Init/Update/Final: OpenSSL 3 marks them deprecated in favour of EVP, but they are
// the SHA-NI block function with nothing around it, where EVP's one-shot SHA256() first sets
// up the library context and its providers.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
