#!/usr/bin/env bash
# run-demo.sh — install what is needed, build, and start Sluice on the
# bundled demo: the example workflows checked, the demo events imported
# into a local dataset and dry-run from the command line, an impact report
# written, Story 1 published to a local sluice-server and rolled out as a
# 5% canary while the demo events are replayed through it (with errors, so
# the auto-pause can be watched), then the app opened on Story 1.
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
trap 'rm -f "$broken"' EXIT  # replaced by cleanup () once the server runs
sed -e 's/op: gte/op: greater/' -e 's/cooldown: 7d/cooldown: 7/' \
    data/examples/usage-quota-80.workflow.yaml > "$broken"
"$cli" validate "$broken" || true

echo
echo "== Story 1's impact report, for reviewers: HTML, PDF and the report file the app opens"
report=_build-demo/usage-quota-80.sluice-report
"$cli" report data/examples/usage-quota-80.workflow.yaml --dataset "$dataset" --from 7d --output "$report"
"$cli" report data/examples/usage-quota-80.workflow.yaml --dataset "$dataset" --from 7d --output "${report%.sluice-report}.html"

echo
echo "== A local control plane: sluice-server on 127.0.0.1, with an admin token"
server=_build-demo/src/server/sluice-server
server_dir=_build-demo/control-plane
server_log=_build-demo/control-plane.log
rm -rf "$server_dir"
"$server" --data-dir "$server_dir" --listen 127.0.0.1:0 > "$server_log" 2>&1 &
server_pid=$!
replay_pid=
cleanup () {
  rm -f "${broken:-}"
  [[ -n $replay_pid ]] && kill "$replay_pid" 2>/dev/null
  kill "$server_pid" 2>/dev/null
  wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 50); do
  grep -q '^Listening on ' "$server_log" && break
  sleep 0.1
done
url=$(sed -n 's/^Listening on \(.*\)$/\1/p' "$server_log")
url=${url%/}
SLUICE_TOKEN=$("$server" token create --data-dir "$server_dir" --role admin --name demo)
export SLUICE_SERVER=$url SLUICE_TOKEN
echo "$url (token: $SLUICE_TOKEN)"

echo
echo "== Publish Story 1 with its report, then shadow, then a 5% canary with a 2% error budget"
echo "   (judged from 5 events on, so the demo's small canary can breach it)"
"$cli" publish data/examples/usage-quota-80.workflow.yaml --report "$report"
"$cli" rollout usage-quota-80 --mode shadow
"$cli" rollout usage-quota-80 --mode canary --percent 5 --error-budget 2%/5m --min-events 5

# The app signs in from SLUICE_SERVER and SLUICE_TOKEN, as sluice-cli
# does; the server is saved by name too, for later (its token only when a
# keyring answers). The app runs from the build folder: its settings
# schema is compiled there.
export GSETTINGS_SCHEMA_DIR="$PWD/_build-demo/data"
"$cli" server add demo "$url" --token-stdin <<< "$SLUICE_TOKEN" || true
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo
  echo "== The demo events replayed through the canary, a quarter of runs failing: the budget breaks"
  "$server" replay --data-dir "$server_dir" --workflow usage-quota-80 --dataset "$dataset" \
    --speed 1000000 --error-rate 0.25 --seed 1 | tail -n 3
  "$cli" status usage-quota-80
  echo
  echo "== No display here, so the app is not started. On a desktop, run:"
  echo "   GSETTINGS_SCHEMA_DIR=$GSETTINGS_SCHEMA_DIR _build-demo/src/ui/sluice data/examples/usage-quota-80.workflow.yaml"
  exit 0
fi

echo
echo "== The demo events replayed through the canary at 3600× (a quarter of runs failing), while"
echo "   Sluice opens on Story 1: its Rollout view (Alt+4) shows the counters and the auto-pause"
"$server" replay --data-dir "$server_dir" --workflow usage-quota-80 --dataset "$dataset" \
  --speed 3600 --error-rate 0.25 --seed 1 > _build-demo/replay.log 2>&1 &
replay_pid=$!
_build-demo/src/ui/sluice data/examples/usage-quota-80.workflow.yaml
