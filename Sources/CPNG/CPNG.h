#pragma once
#include <png.h>

// Composite macros Swift does not import, re-exported as constants and inline functions.
static const unsigned int shim_PNG_FORMAT_RGBA = PNG_FORMAT_RGBA;
static const unsigned int shim_PNG_IMAGE_FLAG_FAST = PNG_IMAGE_FLAG_FAST;

/// Channels per pixel of a simplified-API format (PNG_IMAGE_SAMPLE_CHANNELS).
static inline unsigned int shim_png_channels(unsigned int format) {
    return PNG_IMAGE_SAMPLE_CHANNELS(format);
}
