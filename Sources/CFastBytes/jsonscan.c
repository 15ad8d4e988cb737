#include "limn_fastbytes.h"

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2"))) static size_t plain_end_avx2(const uint8_t *base, size_t i, size_t end) {
    const __m256i quote = _mm256_set1_epi8('"');
    const __m256i backslash = _mm256_set1_epi8('\\');
    const __m256i space = _mm256_set1_epi8(0x20);
    while (i + 32 <= end) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(base + i));
        // Signed compare: bytes above 0x7F are negative, so "below 0x20" catches them too.
        __m256i stop = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, quote), _mm256_cmpeq_epi8(v, backslash)),
                                       _mm256_cmpgt_epi8(space, v));
        unsigned mask = (unsigned)_mm256_movemask_epi8(stop);
        if (mask) return i + (size_t)__builtin_ctz(mask);
        i += 32;
    }
    return i;
}
#endif

size_t limn_json_plain_ascii_end(const uint8_t *base, size_t from, size_t end) {
    size_t i = from;
#if defined(__x86_64__)
    if (limn_fastbytes_vectors()) i = plain_end_avx2(base, i, end);  // at a stop byte, or before the last partial vector
#endif
    for (; i < end; i++) {
        uint8_t b = base[i];
        if (b == '"' || b == '\\' || b < 0x20 || b > 0x7F) return i;
    }
    return end;
}
