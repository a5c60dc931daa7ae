#!/usr/bin/env bash
# check-install.sh — install a configured build into a temporary folder
# (`meson install --destdir`) and check that everything a desktop needs
# lands where it belongs: the programs, desktop file, metainfo, icons,
# settings schema, MIME types, help, examples, and the translations that
# po/LINGUAS and help/LINGUAS list.
#
#   bash build-aux/check-install.sh [BUILD_DIR]     (default: _build)
#
# Exits 0 when all is there, 1 when something is missing (each missing
# file is named), 2 when the build or the install itself fails.
#
# Copyright 2026 The Sluice authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

build_dir=${1:-_build}
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [[ ! -f $build_dir/meson-info/intro-buildoptions.json ]]; then
  echo "check-install: $build_dir is not a configured meson build folder" >&2
  echo "  (meson setup $build_dir first)" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sluice-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
destdir=$work/root

# Where the build installs to, and under which app id.
read -r prefix bindir datadir localedir app_id < <(
  python3 - "$build_dir" <<'EOF'
import json, pathlib, sys
info = pathlib.Path(sys.argv[1]) / "meson-info" / "intro-buildoptions.json"
options = {o["name"]: o["value"] for o in json.loads(info.read_text())}
app_id = "dev.sluice.Sluice.Devel" if options.get("development") else "dev.sluice.Sluice"
print(options["prefix"], options["bindir"], options["datadir"], options["localedir"], app_id)
EOF
)
if [[ -z ${app_id:-} ]]; then
  echo "check-install: cannot read the build options of $build_dir" >&2
  exit 2
fi

echo "check-install: meson install -C $build_dir --destdir $destdir"
if ! meson install -C "$build_dir" --destdir "$destdir" >"$work/install.log" 2>&1; then
  cat "$work/install.log" >&2
  echo "check-install: meson install failed" >&2
  exit 2
fi

# Relative bindir/datadir/localedir are below the prefix; absolute ones not.
under_prefix () {
  if [[ $1 == /* ]]; then echo "$destdir$1"; else echo "$destdir$prefix/$1"; fi
}
bin=$(under_prefix "$bindir")
share=$(under_prefix "$datadir")
locale=$(under_prefix "$localedir")

missing=()
check () {   # check PATH DESCRIPTION
  if [[ -e $1 ]]; then
    echo "ok: ${1#"$destdir"}"
  else
    echo "MISSING: ${1#"$destdir"} ($2)"
    missing+=("${1#"$destdir"}")
  fi
}

check "$bin/sluice" "the desktop app"
check "$bin/sluice-cli" "the command line tool"
check "$bin/sluice-server" "the reference control-plane server"
check "$share/sluice/sluice-control-plane.openapi.json" "the control plane's OpenAPI document"
check "$share/applications/$app_id.desktop" "desktop file"
check "$share/metainfo/$app_id.metainfo.xml" "AppStream metainfo"
check "$share/icons/hicolor/scalable/apps/$app_id.svg" "app icon"
check "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" "symbolic app icon"
check "$share/glib-2.0/schemas/dev.sluice.Sluice.gschema.xml" "settings schema"
check "$share/mime/packages/$app_id.xml" "MIME types"
check "$share/help/C/sluice/index.page" "help manual"
check "$share/sluice/examples" "example workflows"
if [[ -d $share/sluice/examples ]] && ! compgen -G "$share/sluice/examples/*.workflow.yaml" >/dev/null; then
  echo "MISSING: ${share#"$destdir"}/sluice/examples/*.workflow.yaml (no example workflow)"
  missing+=("${share#"$destdir"}/sluice/examples/*.workflow.yaml")
fi

# Translations: one catalogue per language in po/LINGUAS, and the manual
# in each language of help/LINGUAS.
linguas () {
  [[ -f $1 ]] && sed -e 's/#.*//' "$1" | tr -s ' \t' '\n\n' | sed '/^$/d' || true
}
languages=$(linguas "$source_dir/po/LINGUAS")
if [[ -z $languages ]]; then
  echo "note: po/LINGUAS lists no language yet; no translations to check"
fi
for lang in $languages; do
  check "$locale/$lang/LC_MESSAGES/sluice.mo" "$lang translation"
done
for lang in $(linguas "$source_dir/help/LINGUAS"); do
  check "$share/help/$lang/sluice/index.page" "$lang help manual"
done

# The installed files must point at each other: the desktop file at the
# icon, the metainfo at the desktop file. And the installed schemas must
# compile, as the post-install step will do on a real system.
desktop=$share/applications/$app_id.desktop
if [[ -f $desktop ]] && ! grep -qx "Icon=$app_id" "$desktop"; then
  echo "WRONG: ${desktop#"$destdir"} does not say Icon=$app_id"
  missing+=("Icon=$app_id in the desktop file")
fi
metainfo=$share/metainfo/$app_id.metainfo.xml
if [[ -f $metainfo ]] && ! grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo"; then
  echo "WRONG: ${metainfo#"$destdir"} does not launch $app_id.desktop"
  missing+=("the metainfo launchable $app_id.desktop")
fi
if [[ -d $share/glib-2.0/schemas ]] && command -v glib-compile-schemas >/dev/null; then
  if ! glib-compile-schemas --strict --dry-run "$share/glib-2.0/schemas"; then
    echo "WRONG: the installed schemas do not compile"
    missing+=("compilable schemas")
  fi
fi

if [[ ${#missing[@]} -ne 0 ]]; then
  echo
  echo "check-install: ${#missing[@]} missing or wrong:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  if [[ ! -e $bin/sluice ]] &&
     ! meson introspect --targets "$build_dir" | python3 -c '
import json, sys
sys.exit(0 if any(t["name"] == "sluice" and t["type"] == "executable" for t in json.load(sys.stdin)) else 1)'; then
    echo "check-install: the build defines no 'sluice' program yet: src/ui/meson.build" >&2
    echo "  does not build the desktop app (src/ui/main.c) so far." >&2
  fi
  exit 1
fi

echo "check-install: everything is installed where it belongs"
