#!/usr/bin/env bash
# run-tests.sh — build and test Sluice the way CI does:
#
#  1. install the build dependencies (build-aux/install-deps.sh);
#  2. build in _build-ci with AddressSanitizer and UndefinedBehaviorSanitizer
#     and run the test suite, failing on any sanitizer report or leak;
#  3. check that `meson install` puts every file where it belongs;
#  4. when clang is there, build the fuzz targets in _build-fuzz and fuzz the
#     workflow loader for a minute, failing on any crash, leak or timeout.
#
# It ends with one line "Summary: N passed, N failed, N skipped".
# SLUICE_FUZZ_SECONDS sets how long to fuzz (default 60).
#
# Copyright 2026 The Sluice authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

ci_dir=_build-ci
fuzz_dir=_build-fuzz
fuzz_target=tests/fuzz/fuzz-workflow-loader
fuzz_seconds=${SLUICE_FUZZ_SECONDS:-60}

log () {
  printf '\n==> %s\n' "$*"
}

# meson setup, wiping an existing build dir so every run starts clean.
configure () {
  local dir=$1
  shift
  if [[ -f $dir/meson-private/coredata.dat ]]; then
    meson setup --wipe "$@" "$dir"
  else
    rm -rf "$dir"
    meson setup "$@" "$dir"
  fi
}

# Prints "passed failed skipped" for the tests meson just ran.
count_meson_results () {
  python3 - "$1" <<'PY'
import json, sys

passed = failed = skipped = 0
try:
    with open(sys.argv[1], encoding="utf-8") as log:
        for line in log:
            line = line.strip()
            if not line:
                continue
            result = json.loads(line).get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
except FileNotFoundError:
    pass
print(passed, failed, skipped)
PY
}

log "Installing dependencies"
bash build-aux/install-deps.sh

# ---- sanitizer build and unit tests ------------------------------------------

# Sanitizer findings must fail the test that triggers them, with a stack.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1:print_summary=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1:print_summary=1"
export LSAN_OPTIONS="print_suppressions=0"
# GLib 2.74 still has GSlice: plain malloc lets ASan see every block.
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly

log "Configuring $ci_dir (AddressSanitizer + UndefinedBehaviorSanitizer)"
configure "$ci_dir" \
  -Db_sanitize=address,undefined \
  -Db_lundef=false \
  -Ddevelopment=true \
  -Dwerror=false

log "Building $ci_dir"
meson compile -C "$ci_dir"

log "Running the test suite"
rm -f "$ci_dir/meson-logs/testlog.json"
test_status=0
meson test -C "$ci_dir" --print-errorlogs --timeout-multiplier=3 || test_status=$?

read -r passed failed skipped < <(count_meson_results "$ci_dir/meson-logs/testlog.json")
if [[ $test_status -ne 0 && $failed -eq 0 ]]; then
  # meson itself failed (not a test): count that as a failure too
  failed=1
fi

# ---- install ------------------------------------------------------------------

log "Checking what meson install puts where"
if bash build-aux/check-install.sh "$ci_dir"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

# ---- fuzzing -------------------------------------------------------------------

if ! command -v clang >/dev/null 2>&1; then
  fuzz_note="fuzzing skipped: clang is not installed"
  skipped=$((skipped + 1))
else
  log "Configuring $fuzz_dir (clang, libFuzzer)"
  CC=clang configure "$fuzz_dir" \
    -Dfuzzing=true \
    -Db_sanitize=address,undefined \
    -Db_lundef=false \
    -Ddevelopment=true \
    -Dwerror=false

  # Build only the fuzz target, when the build defines it.
  if meson introspect "$fuzz_dir" --targets \
     | python3 -c 'import json, sys; sys.exit(0 if any(t["name"] == sys.argv[1] for t in json.load(sys.stdin)) else 1)' \
       "$(basename "$fuzz_target")"; then
    log "Building $fuzz_target"
    meson compile -C "$fuzz_dir" "$fuzz_target"
  fi

  fuzzer="$fuzz_dir/$fuzz_target"
  if [[ ! -x $fuzzer ]]; then
    fuzz_note="fuzzing skipped: $fuzzer was not built"
    skipped=$((skipped + 1))
  else
    fuzz_work="$(mktemp -d "${TMPDIR:-/tmp}/sluice-fuzz.XXXXXX")"
    trap 'rm -rf "$fuzz_work"' EXIT
    corpus="$fuzz_work/corpus"
    mkdir "$corpus"

    # Work on a copy: libFuzzer adds the inputs it finds to the first corpus
    # directory, and the checked-in corpus should change only on purpose.
    shopt -s nullglob
    seeds=(tests/fuzz/corpus/* tests/fuzz/crashes/* data/examples/*.yaml data/policies/*.yaml)
    shopt -u nullglob
    for seed in "${seeds[@]}"; do
      if [[ -f $seed ]]; then
        cp "$seed" "$corpus/"
      fi
    done

    log "Fuzzing the workflow loader for ${fuzz_seconds}s (${#seeds[@]} seeds)"
    # Crash inputs land in tests/fuzz/ (ignored by git) to reproduce with
    # "$fuzzer tests/fuzz/crash-…".
    fuzz_stamp="$fuzz_work/started"
    touch "$fuzz_stamp"
    fuzz_status=0
    ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:print_summary=1" \
    UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:print_summary=1" \
    timeout --kill-after=30 $((fuzz_seconds * 5)) \
      "$fuzzer" \
        -max_total_time="$fuzz_seconds" \
        -max_len=65536 \
        -timeout=10 \
        -rss_limit_mb=2048 \
        -print_final_stats=1 \
        -artifact_prefix=tests/fuzz/ \
        "$corpus" || fuzz_status=$?

    if [[ $fuzz_status -eq 0 ]]; then
      fuzz_note="fuzzing: no crash in ${fuzz_seconds}s"
      passed=$((passed + 1))
    else
      fuzz_note="fuzzing FAILED (exit $fuzz_status)"
      failed=$((failed + 1))
      # CI keeps no files: print the inputs so they can be recreated.
      while IFS= read -r artifact; do
        echo "fuzz input $artifact (base64):"
        base64 "$artifact"
      done < <(find tests/fuzz -maxdepth 1 -type f -newer "$fuzz_stamp" \
                 \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \))
    fi
  fi
fi

# ---- summary -------------------------------------------------------------------

echo
echo "$fuzz_note"
echo "Summary: $passed passed, $failed failed, $skipped skipped"

[[ $failed -eq 0 ]]
