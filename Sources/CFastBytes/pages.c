// Memory hints for the buffers a received image is decoded into.
#include "limn_fastbytes.h"

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>

void limn_advise_huge_pages(void *base, size_t length) {
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t start = ((uintptr_t)base + huge - 1) & ~(huge - 1);
    uintptr_t end = ((uintptr_t)base + length) & ~(huge - 1);
    if (end <= start) return;
    (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
}
#else
void limn_advise_huge_pages(void *base, size_t length) {
    (void)base;
    (void)length;
}
#endif
