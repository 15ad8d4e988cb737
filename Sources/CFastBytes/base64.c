// Strict base64 decoding. The vector path classifies 32 characters at a time with nibble
// lookup tables (a character is valid when the rows of its low and high nibble share no bit),
// maps them to 6-bit values with one add, and packs four values into three bytes with two
// multiply-adds and two shuffles. The scalar path ORs four pre-shifted table entries per
// quantum; an invalid character sets a bit no valid one can.
#include "limn_fastbytes.h"

#include <pthread.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define LIMN_HAVE_AVX2_PATH 1
#endif

enum { INVALID = 0x01000000u };

static uint32_t tables[4][256];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static int sextet(unsigned c) {
    if (c >= 'A' && c <= 'Z') return (int)(c - 'A');
    if (c >= 'a' && c <= 'z') return (int)(c - 'a') + 26;
    if (c >= '0' && c <= '9') return (int)(c - '0') + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

// Entry k of a character places its six bits where they land in the little-endian word whose
// low three bytes are the quantum's output bytes in order.
static void build_tables(void) {
    for (unsigned c = 0; c < 256; c++) {
        int v = sextet(c);
        if (v < 0) {
            for (int k = 0; k < 4; k++) tables[k][c] = INVALID;
            continue;
        }
        uint32_t u = (uint32_t)v;
        tables[0][c] = u << 2;
        tables[1][c] = (u >> 4) | ((u & 0x0F) << 12);
        tables[2][c] = ((u >> 2) << 8) | ((u & 0x03) << 22);
        tables[3][c] = u << 16;
    }
}

size_t limn_base64_capacity(size_t length) { return length / 4 * 3 + 32; }

#if LIMN_HAVE_AVX2_PATH
// Decodes whole blocks of 32 characters while they are valid and at least one more block
// follows (so padding is never in a vector); returns how many characters it consumed.
__attribute__((target("avx2"))) static size_t decode_avx2(const uint8_t *in, size_t length, uint8_t *out) {
    const __m256i lut_lo = _mm256_setr_epi8(0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A,
                                            0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A);
    const __m256i lut_hi = _mm256_setr_epi8(0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
                                            0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
    const __m256i lut_roll = _mm256_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0,
                                              0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m256i nibble = _mm256_set1_epi8(0x0F);
    const __m256i slash = _mm256_set1_epi8(0x2F);
    const __m256i pack_pairs = _mm256_set1_epi32(0x01400140);
    const __m256i pack_quads = _mm256_set1_epi32(0x00011000);
    const __m256i order = _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
                                           2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    const __m256i gather = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 7, 7);
    size_t i = 0;
    while (i + 64 <= length) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(in + i));
        __m256i hi = _mm256_and_si256(_mm256_srli_epi32(v, 4), nibble);
        __m256i lo = _mm256_and_si256(v, nibble);
        __m256i bad = _mm256_and_si256(_mm256_shuffle_epi8(lut_lo, lo), _mm256_shuffle_epi8(lut_hi, hi));
        if (!_mm256_testz_si256(bad, bad)) break;
        __m256i roll = _mm256_shuffle_epi8(lut_roll, _mm256_add_epi8(_mm256_cmpeq_epi8(v, slash), hi));
        __m256i values = _mm256_add_epi8(v, roll);
        __m256i packed = _mm256_madd_epi16(_mm256_maddubs_epi16(values, pack_pairs), pack_quads);
        packed = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(packed, order), gather);
        _mm256_storeu_si256((__m256i *)out, packed);
        out += 24;
        i += 32;
    }
    return i;
}

#endif

static _Atomic int vectors_off = 0;

void limn_fastbytes_use_vectors(int enabled) { vectors_off = !enabled; }

int limn_fastbytes_vectors(void) {
#if LIMN_HAVE_AVX2_PATH
    return !vectors_off && __builtin_cpu_supports("avx2");
#else
    return 0;
#endif
}

size_t limn_base64_decode_quanta(const uint8_t *in, size_t length, uint8_t *out, size_t *produced) {
    pthread_once(&tables_once, build_tables);
    length -= length % 4;
    uint8_t *start = out;
    size_t i = 0;
#if LIMN_HAVE_AVX2_PATH
    if (limn_fastbytes_vectors() && length >= 32) {
        // decode_avx2 keeps one block in reserve; run it over all but the last 32 characters.
        i = decode_avx2(in, length, out);
        out += i / 4 * 3;
    }
#endif
    for (; i + 4 <= length; i += 4) {
        uint32_t word = tables[0][in[i]] | tables[1][in[i + 1]] | tables[2][in[i + 2]] | tables[3][in[i + 3]];
        if (word & 0xFF000000u) break;
        memcpy(out, &word, 4);
        out += 3;
    }
    *produced = (size_t)(out - start);
    return i;
}

ptrdiff_t limn_base64_decode(const uint8_t *in, size_t length, uint8_t *out) {
    if (length % 4 != 0) return -1;
    if (length == 0) return 0;
    pthread_once(&tables_once, build_tables);
    const uint8_t *start = out;
    size_t i = 0;
#if LIMN_HAVE_AVX2_PATH
    if (limn_fastbytes_vectors()) {
        i = decode_avx2(in, length, out);
        out += i / 4 * 3;
    }
#endif
    // Every quantum but the last: no padding allowed.
    for (; i + 4 < length; i += 4) {
        uint32_t word = tables[0][in[i]] | tables[1][in[i + 1]] | tables[2][in[i + 2]] | tables[3][in[i + 3]];
        if (word & 0xFF000000u) return -1;
        memcpy(out, &word, 4);  // the fourth byte is overwritten by the next quantum or ignored
        out += 3;
    }
    // The last quantum: "xx==" gives one byte, "xxx=" two, "xxxx" three.
    const uint8_t *q = in + i;
    int pad = (q[3] == '=') + (q[3] == '=' && q[2] == '=');
    uint32_t word = tables[0][q[0]] | tables[1][q[1]] | (pad < 2 ? tables[2][q[2]] : 0) | (pad < 1 ? tables[3][q[3]] : 0);
    if (word & 0xFF000000u) return -1;
    memcpy(out, &word, 4);
    out += 3 - pad;
    return out - start;
}

// Encoding: three bytes at a time through a 4096-entry table of character pairs (12 bits each),
// so each group of three is two loads and two 16-bit stores.
static uint16_t pairs[4096];
static pthread_once_t pairs_once = PTHREAD_ONCE_INIT;
static const char alphabet[65] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void build_pairs(void) {
    for (unsigned i = 0; i < 4096; i++) {
        unsigned char two[2] = {(unsigned char)alphabet[i >> 6], (unsigned char)alphabet[i & 63]};
        memcpy(&pairs[i], two, 2);
    }
}

void limn_base64_encode(const uint8_t *in, size_t length, uint8_t *out) {
    pthread_once(&pairs_once, build_pairs);
    size_t i = 0;
    for (; i + 3 <= length; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        memcpy(out, &pairs[v >> 12], 2);
        memcpy(out + 2, &pairs[v & 0xFFF], 2);
        out += 4;
    }
    if (length - i == 1) {
        uint32_t v = (uint32_t)in[i] << 16;
        out[0] = (uint8_t)alphabet[v >> 18];
        out[1] = (uint8_t)alphabet[(v >> 12) & 63];
        out[2] = '=';
        out[3] = '=';
    } else if (length - i == 2) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
        out[0] = (uint8_t)alphabet[v >> 18];
        out[1] = (uint8_t)alphabet[(v >> 12) & 63];
        out[2] = (uint8_t)alphabet[(v >> 6) & 63];
        out[3] = '=';
    }
}
