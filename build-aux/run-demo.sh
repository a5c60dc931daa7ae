#!/usr/bin/env bash
# run-demo.sh — install what is needed, build, and start Sluice on the
# bundled demo. Until the desktop app lands, the demo is the command line:
# it checks the example workflows and shows Story 1 in canonical form.
#
# Copyright 2026 The Sluice authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash build-aux/install-deps.sh

if [[ ! -f _build-demo/build.ninja ]]; then
  meson setup _build-demo --buildtype=release
fi
meson compile -C _build-demo

cli=_build-demo/src/cli/sluice-cli
examples=(data/examples/*.workflow.yaml)

echo
echo "== sluice-cli validate --policy data/policies/default.policy.yaml ${examples[*]}"
"$cli" validate --policy data/policies/default.policy.yaml "${examples[@]}"

echo
echo "== Story 1 (usage at 80%) in canonical form: sluice-cli fmt data/examples/usage-quota-80.workflow.yaml"
"$cli" fmt data/examples/usage-quota-80.workflow.yaml

echo
echo "== A broken copy of Story 1, to show how errors point at the source"
broken=$(mktemp --suffix=.workflow.yaml)
trap 'rm -f "$broken"' EXIT
sed -e 's/op: gte/op: greater/' -e 's/cooldown: 7d/cooldown: 7/' \
    data/examples/usage-quota-80.workflow.yaml > "$broken"
"$cli" validate "$broken" || true
