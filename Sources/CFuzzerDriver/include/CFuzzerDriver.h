#ifndef BRIGHTSPOTS_FUZZER_DRIVER_H
#define BRIGHTSPOTS_FUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>

typedef int (*brightspots_fuzz_callback)(const uint8_t *data, size_t size);

/// Runs libFuzzer's driver over `callback` when the binary was linked with libFuzzer
/// (`-sanitize=fuzzer`); returns -1 when it was not, so the caller can replay files instead.
int brightspots_run_fuzzer(int *argc, char ***argv, brightspots_fuzz_callback callback);

#endif
