#pragma once
#include <stddef.h>
#include <stdint.h>

/// Room for libpng's error message, with its terminating zero.
#define LIMN_PNG_MESSAGE 256

/// Decodes every row of the PNG in `data` into one reused row buffer. Returns 1 and the size
/// when the image data is whole and valid; 0 with libpng's message otherwise.
int limn_png_validate(const unsigned char *data, size_t size, uint32_t *width, uint32_t *height,
                      char message[LIMN_PNG_MESSAGE]);
