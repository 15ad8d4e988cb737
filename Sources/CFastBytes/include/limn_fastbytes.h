// Byte loops a received image crosses once per megabyte: strict base64 decoding and the
// search for the end of a long JSON string. AVX2 where the CPU has it, portable C otherwise.
#ifndef LIMN_FASTBYTES_H
#define LIMN_FASTBYTES_H

#include <stddef.h>
#include <stdint.h>

/// Bytes of output space `limn_base64_decode` needs for `length` characters of input
/// (the decoded size plus room for whole-vector stores).
size_t limn_base64_capacity(size_t length);

/// Decodes strict base64 (`A-Z a-z 0-9 + /`, length a multiple of 4, at most two `=` at the end)
/// into `out`, which holds `limn_base64_capacity(length)` bytes. Returns the number of bytes
/// decoded, or -1 when the input is not strict base64 (the caller then tries lenient forms).
ptrdiff_t limn_base64_decode(const uint8_t *in, size_t length, uint8_t *out);

/// Writes the canonical padded base64 of `in[0..<length]` (`(length + 2) / 3 * 4` characters)
/// to `out`.
void limn_base64_encode(const uint8_t *in, size_t length, uint8_t *out);

/// Decodes whole quanta (4 characters of `A-Z a-z 0-9 + /`, no padding) from the start of
/// `in` (`length` a multiple of 4) into `out`, stopping before the first quantum that holds any
/// other byte. `out` must have room for `length / 4 * 3 + 32` bytes. Returns the characters
/// consumed; `*produced` is set to the bytes written.
size_t limn_base64_decode_quanta(const uint8_t *in, size_t length, uint8_t *out, size_t *produced);

/// The index of the first byte in `base[from..<end]` that is `"`, `\`, below 0x20 or above 0x7F,
/// or `end` when there is none: where a long, plain ASCII JSON string stops being plain.
size_t limn_json_plain_ascii_end(const uint8_t *base, size_t from, size_t end);

/// Asks the kernel to back the whole 2 MB extents of `base[0..<length]` (a buffer of its own
/// mapping, as malloc gives for big sizes) with huge pages: a decoded image is then written
/// with a handful of page faults instead of one per 4 KB. A hint; nothing happens where the
/// kernel has no transparent huge pages.
void limn_advise_huge_pages(void *base, size_t length);

/// Turns the AVX2 paths off (0) or back on where the CPU has them (1), so tests cover both.
void limn_fastbytes_use_vectors(int enabled);

/// Whether the AVX2 paths are in use.
int limn_fastbytes_vectors(void);

#endif
