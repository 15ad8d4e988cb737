// Reads a PNG row by row with libpng's classic API, keeping one row, to check that every byte
// of its image data decodes. The classic API reports errors by longjmp, so the whole read
// stays in this C function: no Swift frame is ever between setjmp and longjmp.
#include "png_validate.h"

#include <libdeflate.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const unsigned char *data;
    size_t size;
    size_t position;
    char *message;
} source;

static void read_bytes(png_structp png, png_bytep out, size_t count) {
    source *s = png_get_io_ptr(png);
    if (count > s->size - s->position) png_error(png, "end of data: the file is truncated");
    memcpy(out, s->data + s->position, count);
    s->position += count;
}

static void fail(png_structp png, png_const_charp text) {
    source *s = png_get_error_ptr(png);
    strncpy(s->message, text, LIMN_PNG_MESSAGE - 1);
    s->message[LIMN_PNG_MESSAGE - 1] = 0;
    png_longjmp(png, 1);
}

static uint32_t be32(const unsigned char *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/// Checks the CRC of every critical chunk libpng reads (IHDR through the last IDAT) with
/// libdeflate's folding CRC-32, several times faster than zlib's, which libpng would use.
/// Returns 0 with libpng's wording when one is wrong. A file that is not a PNG or is cut short
/// passes here and is refused by libpng, which reads it next and names what it found.
static int critical_crcs_match(const unsigned char *data, size_t size, char *message) {
    static const unsigned char signature[8] = {137, 'P', 'N', 'G', '\r', '\n', 26, '\n'};
    if (size < 8 || memcmp(data, signature, 8) != 0) return 1;
    size_t at = 8;
    int seen_image_data = 0;
    while (size - at >= 12) {
        uint32_t length = be32(data + at);
        if (length > 0x7FFFFFFFu || length > size - at - 12) return 1;
        const unsigned char *type = data + at + 4;
        int is_image_data = memcmp(type, "IDAT", 4) == 0;
        if (seen_image_data && !is_image_data) return 1;
        seen_image_data |= is_image_data;
        if ((type[0] & 0x20) == 0) {
            uint32_t crc = (uint32_t)libdeflate_crc32(0, type, 4 + (size_t)length);
            if (crc != be32(type + 4 + length)) {
                snprintf(message, LIMN_PNG_MESSAGE, "%.4s: CRC error", (const char *)type);
                return 0;
            }
        }
        at += 12 + (size_t)length;
    }
    return 1;
}

static void warn(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

int limn_png_validate(const unsigned char *data, size_t size, uint32_t *width, uint32_t *height,
                      char message[LIMN_PNG_MESSAGE]) {
    message[0] = 0;
    if (!critical_crcs_match(data, size, message)) return 0;
    source s = {data, size, 0, message};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &s, fail, warn);
    if (!png) {
        strcpy(message, "out of memory");
        return 0;
    }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        strcpy(message, "out of memory");
        return 0;
    }
    png_bytep volatile row = NULL;
    if (setjmp(png_jmpbuf(png))) {
        free(row);
        png_destroy_read_struct(&png, &info, NULL);
        return 0;
    }
    png_set_read_fn(png, &s, read_bytes);
#ifdef PNG_IGNORE_ADLER32
    // Every chunk's CRC is still checked, and it is what catches bytes changed or cut off on
    // the way; zlib's Adler-32 over the inflated rows adds only a check of the router's own
    // encoder, and cost 6% of the time a received image spends in Limn (docs/performance.md).
    png_set_option(png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
#endif
    // The critical chunks' CRCs were checked above; ancillary ones are small, and libpng's
    // default (warn and drop a damaged one) stays.
    png_set_crc_action(png, PNG_CRC_QUIET_USE, PNG_CRC_DEFAULT);
    png_read_info(png, info);
    uint32_t w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    row = malloc(png_get_rowbytes(png, info));
    if (!row) png_error(png, "out of memory");
    for (int pass = 0; pass < passes; pass++) {
        for (uint32_t y = 0; y < h; y++) png_read_row(png, row, NULL);
    }
    free(row);
    row = NULL;
    png_destroy_read_struct(&png, &info, NULL);
    *width = w;
    *height = h;
    return 1;
}
