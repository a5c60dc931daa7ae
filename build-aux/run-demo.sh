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
echo "== The bundled demo events (20,000 CloudEvents) imported into a dataset"
dataset=_build-demo/demo.db
rm -f "$dataset"
"$cli" import --dataset "$dataset" data/examples/demo-events.jsonl.gz

echo
echo "== Story 1 dry-run over the last 7 days, with a 5% canary preview"
"$cli" simulate data/examples/usage-quota-80.workflow.yaml --dataset "$dataset" --from 7d --canary 5 --top 5

echo
echo "== Story 1 with its threshold raised from 80% to 85%: who drops out"
story_85=$(mktemp --suffix=.workflow.yaml)
sed 's/value: 80$/value: 85/' data/examples/usage-quota-80.workflow.yaml > "$story_85"
"$cli" diff data/examples/usage-quota-80.workflow.yaml "$story_85" --dataset "$dataset" --top 5
rm -f "$story_85"

echo
echo "== A broken copy of Story 1, to show how errors point at the source"
broken=$(mktemp --suffix=.workflow.yaml)
trap 'rm -f "$broken"' EXIT
sed -e 's/op: gte/op: greater/' -e 's/cooldown: 7d/cooldown: 7/' \
    data/examples/usage-quota-80.workflow.yaml > "$broken"
"$cli" validate "$broken" || true
