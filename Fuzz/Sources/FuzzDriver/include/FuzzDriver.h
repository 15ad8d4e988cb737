#ifndef LIMN_FUZZ_DRIVER_H
#define LIMN_FUZZ_DRIVER_H

/// Runs libFuzzer's driver (flags, corpus, mutation loop) over the target's
/// `LLVMFuzzerTestOneInput`. SwiftPM links every executable with `main` aliased to the
/// module's own entry point, so each target's main.swift calls this rather than relying on
/// libFuzzer's `main`.
int limn_fuzz_main(int argc, char **argv);
#endif
