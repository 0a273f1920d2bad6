#include "CFuzzerDriver.h"

// Weak: an ordinary build has no libFuzzer and links with this left null. The fuzz build forces it in with
// `-Xlinker -u -Xlinker LLVMFuzzerRunDriver` (SwiftPM names the executable's entry point itself, so libFuzzer's
// own main is not used).
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t))
    __attribute__((weak));

int brightspots_run_fuzzer(int *argc, char ***argv, brightspots_fuzz_callback callback) {
    if (!LLVMFuzzerRunDriver) return -1;
    return LLVMFuzzerRunDriver(argc, argv, callback);
}
