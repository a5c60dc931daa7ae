#!/usr/bin/env python3
# check-mime.py — check Sluice's shared-mime-info file the way a desktop
# reads it: update-mime-database builds a database from it in a temporary
# folder (beside the system's own definitions, when there are any), and the
# generated globs2/subclasses/types files must map our file names to our
# types. Run by `meson test` (mime-validate); no xdg-mime or desktop needed.
#
#   check-mime.py [--update-mime-database PATH] MIME_XML [EXAMPLES_DIR]
#
# Copyright 2026 The Sluice authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import fnmatch
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
WORKFLOW = "application/x-sluice-workflow"
REPORT = "application/x-sluice-report"
SYSTEM_PACKAGES = pathlib.Path("/usr/share/mime/packages/freedesktop.org.xml")

# file name → the type a desktop must give it
EXPECTED = {
    "usage-quota-80.workflow.yaml": WORKFLOW,
    "USAGE.WORKFLOW.YAML": WORKFLOW,  # globs are case-insensitive by default
    "q3-canary.sluice-report": REPORT,
}
# file names that must not become ours
NOT_OURS = ["config.yaml", "workflow.yaml", "notes.sluice-report.txt", "report.json"]

problems = []


def fail(message):
    problems.append(message)
    print(f"FAIL: {message}")


def read_globs2(mime_dir):
    """[(weight, type, pattern, case_sensitive)] from the generated globs2."""
    globs = []
    for line in (mime_dir / "globs2").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        fields = line.split(":")
        flags = fields[3].split(",") if len(fields) > 3 else []
        globs.append((int(fields[0]), fields[1], fields[2], "cs" in flags))
    return globs


def read_pairs(path):
    pairs = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                child, parent = line.split(" ", 1)
                pairs.setdefault(child, []).append(parent)
    return pairs


def guess_by_name(globs, name):
    """The shared-mime-info rule: the highest weight wins, then the longest
    pattern; a case-sensitive pattern only matches the name as it is."""
    matches = []
    for weight, mime, pattern, case_sensitive in globs:
        if case_sensitive:
            hit = fnmatch.fnmatchcase(name, pattern)
        else:
            hit = fnmatch.fnmatchcase(name.lower(), pattern.lower())
        if hit:
            matches.append((weight, len(pattern), mime))
    if not matches:
        return None
    matches.sort(reverse=True)
    best = [m for m in matches if m[:2] == matches[0][:2]]
    if len({m[2] for m in best}) > 1:
        return "ambiguous: " + ", ".join(sorted({m[2] for m in best}))
    return best[0][2]


def is_subclass(mime, parent, subclasses, aliases, seen=()):
    mime = aliases.get(mime, [mime])[0]
    parent = aliases.get(parent, [parent])[0]
    if mime == parent:
        return True
    return any(p not in seen and is_subclass(p, parent, subclasses, aliases, seen + (mime,))
               for p in subclasses.get(mime, []))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--update-mime-database", default="update-mime-database")
    parser.add_argument("mime_xml", type=pathlib.Path)
    parser.add_argument("examples", type=pathlib.Path, nargs="?")
    args = parser.parse_args()

    # Our own reading of the file first: the types and globs we promise.
    try:
        root = ET.parse(args.mime_xml).getroot()
    except ET.ParseError as error:
        fail(f"{args.mime_xml.name} is not well-formed XML: {error}")
        return
    declared = {t.get("type"): t for t in root.findall(f"{NS}mime-type")}
    for mime, glob in ((WORKFLOW, "*.workflow.yaml"), (REPORT, "*.sluice-report")):
        node = declared.get(mime)
        if node is None:
            fail(f"{args.mime_xml.name} does not define {mime}")
            continue
        if glob not in [g.get("pattern") for g in node.findall(f"{NS}glob")]:
            fail(f"{mime} has no glob {glob}")
        if not [c for c in node.findall(f"{NS}comment") if c.get("{http://www.w3.org/XML/1998/namespace}lang") is None]:
            fail(f"{mime} has no <comment> (shown as the file type in file managers)")

    with tempfile.TemporaryDirectory(prefix="sluice-mime-") as tmp:
        mime_dir = pathlib.Path(tmp) / "mime"
        packages = mime_dir / "packages"
        packages.mkdir(parents=True)
        shutil.copy(args.mime_xml, packages / "dev.sluice.Sluice.xml")
        with_system = SYSTEM_PACKAGES.exists()
        if with_system:
            # So *.yaml is there to compete with *.workflow.yaml, and YAML
            # is known as a parent type.
            shutil.copy(SYSTEM_PACKAGES, packages / SYSTEM_PACKAGES.name)

        # update-mime-database only warns (and still exits 0) on most
        # mistakes in a package file, so any output at all is a failure.
        # (With the temporary folder as the XDG data folders, it does not
        # add a note that the folder is not where applications look.)
        env = dict(os.environ, XDG_DATA_HOME=tmp, XDG_DATA_DIRS=tmp)
        run = subprocess.run([args.update_mime_database, str(mime_dir)],
                             capture_output=True, text=True, env=env)
        output = (run.stdout + run.stderr).strip()
        if run.returncode != 0 or output:
            fail(f"update-mime-database exited with {run.returncode}:\n{output}")
            return

        globs = read_globs2(mime_dir)
        subclasses = read_pairs(mime_dir / "subclasses")
        aliases = read_pairs(mime_dir / "aliases")
        types = set((mime_dir / "types").read_text(encoding="utf-8").split())

        for mime in (WORKFLOW, REPORT):
            if mime not in types:
                fail(f"{mime} is not in the generated types file")

        for name, want in EXPECTED.items():
            got = guess_by_name(globs, name)
            if got != want:
                fail(f"{name} is {got}, not {want}")
            else:
                print(f"ok: {name} → {got}")
        for name in NOT_OURS:
            got = guess_by_name(globs, name)
            if got in (WORKFLOW, REPORT):
                fail(f"{name} is {got}: the glob is too broad")
            else:
                print(f"ok: {name} → {got}")

        if args.examples is not None:
            for example in sorted(args.examples.glob("*.workflow.yaml")):
                got = guess_by_name(globs, example.name)
                if got != WORKFLOW:
                    fail(f"example {example.name} is {got}, not {WORKFLOW}")
                else:
                    print(f"ok: examples/{example.name} → {got}")

        if with_system:
            yaml = next((t for t in ("application/yaml", "application/x-yaml") if t in types), None)
            if yaml is None:
                fail("the system MIME database knows no YAML type")
            elif not is_subclass(WORKFLOW, yaml, subclasses, aliases):
                fail(f"{WORKFLOW} is not a subclass of {yaml} here")
            elif not is_subclass(WORKFLOW, "text/plain", subclasses, aliases):
                fail(f"{WORKFLOW} is not a subclass of text/plain here")
            else:
                print(f"ok: {WORKFLOW} is a {yaml} and text/plain")
        else:
            print(f"note: {SYSTEM_PACKAGES} is missing; checked our file alone")


if __name__ == "__main__":
    main()
    if problems:
        sys.exit(1)
