#!/usr/bin/env bash
# bench-startup.sh — time from starting `sluice` on Story 1 to its first
# frame, under Xvfb with the cairo renderer, as the issue measures it.
#
#   bash tests/bench/bench-startup.sh [BUILD_DIR] [RUNS]
#
# Prints the app's own figure (first frame after main()) and the
# wall-clock time of the whole process, which also counts loading the
# program and its libraries, for each run.
#
# Copyright 2026 The Sluice authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

build_dir=${1:-_build-rel}
runs=${2:-5}

if [[ -z "${DISPLAY:-}" ]]; then
  exec xvfb-run -a -s '-screen 0 1280x800x24' bash "$0" "$build_dir" "$runs"
fi

export GSETTINGS_SCHEMA_DIR="$PWD/$build_dir/data" GSETTINGS_BACKEND=memory
export GDK_BACKEND=x11 GSK_RENDERER=cairo NO_AT_BRIDGE=1 GTK_A11Y=none
export SLUICE_STARTUP_PROBE=1 XDG_DATA_HOME
XDG_DATA_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_DATA_HOME"' EXIT

for i in $(seq "$runs"); do
  start=$(date +%s%N)
  line=$("$build_dir/src/ui/sluice" data/examples/usage-quota-80.workflow.yaml)
  end=$(date +%s%N)
  printf 'run %d: %s; process %d ms\n' "$i" "$line" $(( (end - start) / 1000000 ))
done
