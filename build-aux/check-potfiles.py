#!/usr/bin/env python3
# check-potfiles.py — every file with translatable text is in po/POTFILES.in,
# and every file listed there exists. Run by `meson test` (potfiles).
#
# Copyright 2026 The Sluice authors
# SPDX-License-Identifier: GPL-3.0-or-later

import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
potfiles = root / "po" / "POTFILES.in"

listed = set()
for line in potfiles.read_text(encoding="utf-8").splitlines():
    line = line.strip()
    if line and not line.startswith("#"):
        listed.add(line)

c_marker = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(\s*(?:GETTEXT_PACKAGE\s*,\s*)?"')
ui_marker = re.compile(r'translatable="yes"')

wanted = set()
for path in sorted((root / "src").rglob("*")):
    if path.suffix not in (".c", ".ui") or not path.is_file():
        continue
    text = path.read_text(encoding="utf-8")
    marker = c_marker if path.suffix == ".c" else ui_marker
    if marker.search(text):
        wanted.add(path.relative_to(root).as_posix())

for extra in ("data/dev.sluice.Sluice.gschema.xml",):
    if (root / extra).exists() and extra in listed:
        wanted.add(extra)

missing = sorted(wanted - listed)
stale = sorted(name for name in listed if not (root / name).exists())

for name in missing:
    print(f"po/POTFILES.in: {name} has translatable text but is not listed")
for name in stale:
    print(f"po/POTFILES.in: {name} is listed but does not exist")

if missing or stale:
    sys.exit(1)
print(f"po/POTFILES.in lists all {len(wanted)} files with translatable text")
