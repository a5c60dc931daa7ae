#!/usr/bin/env bash
# run-demo.sh — install what is needed, build, and start Sluice on the
# bundled demo: the example workflows checked, the demo events imported
# into a local dataset and dry-run from the command line, then the app
# opened on Story 1.
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

# The app runs from the build folder: its settings schema is compiled there.
export GSETTINGS_SCHEMA_DIR="$PWD/_build-demo/data"
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo
  echo "== No display here, so the app is not started. On a desktop, run:"
  echo "   GSETTINGS_SCHEMA_DIR=$GSETTINGS_SCHEMA_DIR _build-demo/src/ui/sluice data/examples/usage-quota-80.workflow.yaml"
  exit 0
fi

echo
echo "== Starting Sluice on Story 1"
exec _build-demo/src/ui/sluice data/examples/usage-quota-80.workflow.yaml
