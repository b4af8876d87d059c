#pragma once
// An invariant of a fuzz target: when it fails, the target says which (file and line) and traps,
// so that libFuzzer keeps the input as a crash.
#include <cstdio>

#define FUZZ_CHECK(condition)                                                                \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
      __builtin_trap();                                                                      \
    }                                                                                        \
  } while (0)
