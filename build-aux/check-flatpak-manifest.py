#!/usr/bin/env python3
# check-flatpak-manifest.py — check a Flatpak manifest of Sluice offline:
# it is JSON with the expected app id, command and runtime; its sandbox
# holes (finish-args) are exactly the ones the app needs; libyaml is built
# from a release tarball with a checksum; Sluice itself is the last module,
# built with meson from this source folder. When flatpak-builder is
# installed, it must parse the manifest without a warning (it only warns
# about unknown keys, so a warning is a mistake). A real build needs the
# GNOME runtime from Flathub and the network, so it is not done here.
# Run by `meson test` (suite flatpak).
#
#   check-flatpak-manifest.py [--development] [--same-as RELEASE_MANIFEST]
#                             [--flatpak-builder PATH] MANIFEST
#
# Copyright 2026 The Sluice authors
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import pathlib
import re
import subprocess
import sys
import tempfile

RELEASE_ID = "dev.sluice.Sluice"
DEVEL_ID = "dev.sluice.Sluice.Devel"
RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
RUNTIME_VERSION = "50"
COMMAND = "sluice"

# Wayland with the X11 fallback, GPU, shared memory for X11, and the network
# for publishing. Tokens go through the Secret portal and files through the
# FileChooser/Documents portals: neither needs a hole in the sandbox.
FINISH_ARGS = {
    "--share=network",
    "--share=ipc",
    "--socket=fallback-x11",
    "--socket=wayland",
    "--device=dri",
}

problems = []


def fail(message):
    problems.append(message)
    print(f"FAIL: {message}")


def expect(what, got, want):
    if got != want:
        fail(f"{what} is {got!r}, expected {want!r}")
    else:
        print(f"ok: {what} = {got!r}")


def check_libyaml(module):
    sources = module.get("sources", [])
    archives = [s for s in sources if isinstance(s, dict) and s.get("type") == "archive"]
    if len(archives) != 1 or len(sources) != 1:
        fail("libyaml should be built from exactly one release archive")
        return
    archive = archives[0]
    url = archive.get("url", "")
    if not re.fullmatch(r"https://\S+/yaml-\d+\.\d+\.\d+\.tar\.gz", url):
        fail(f"libyaml url {url!r} is not an https release tarball")
    sha256 = archive.get("sha256", "")
    if not isinstance(sha256, str) or not re.fullmatch(r"[0-9a-f]{64}", sha256):
        fail(f"libyaml sha256 {sha256!r} is not 64 lowercase hex digits")
    else:
        print(f"ok: libyaml from {url} (sha256 {sha256[:12]}…)")


def check_sluice(module, manifest_path, development):
    expect("sluice module buildsystem", module.get("buildsystem"), "meson")
    opts = module.get("config-opts", [])
    if development:
        if "-Ddevelopment=true" not in opts:
            fail(f"the development manifest does not pass -Ddevelopment=true (config-opts {opts})")
        else:
            print("ok: sluice is built with -Ddevelopment=true")
    elif any(o.startswith("-Ddevelopment=") and o != "-Ddevelopment=false" for o in opts):
        fail(f"the release manifest builds a development version (config-opts {opts})")

    sources = module.get("sources", [])
    if len(sources) != 1 or sources[0].get("type") != "dir":
        fail("sluice should be built from one source of type 'dir'")
        return
    source_dir = (manifest_path.parent / sources[0].get("path", "")).resolve()
    if not (source_dir / "meson.build").is_file() or not (source_dir / "src").is_dir():
        fail(f"the sluice source 'path' ({sources[0].get('path')!r}) is not the project folder")
    else:
        print(f"ok: sluice is built from {source_dir}")
    skip = sources[0].get("skip", [])
    for folder in (".git", ".flatpak-builder", "_build"):
        if folder not in skip:
            fail(f"the sluice source does not skip {folder}")


def without_variant(manifest):
    """The manifest minus what may differ between the release and the
    development variant."""
    manifest = json.loads(json.dumps(manifest))
    for key in ("id", "app-id", "desktop-file-name-suffix"):
        manifest.pop(key, None)
    for module in manifest.get("modules", []):
        if isinstance(module, dict) and module.get("name") == "sluice":
            opts = [o for o in module.pop("config-opts", []) if not o.startswith("-Ddevelopment=")]
            if opts:
                module["config-opts"] = opts
    return manifest


def check_flatpak_builder(flatpak_builder, manifest_path, want_id):
    if not flatpak_builder:
        print("skip: flatpak-builder is not installed; --show-manifest not run")
        return
    # flatpak-builder keeps a state folder (.flatpak-builder) in the current
    # folder; keep that out of the source tree.
    with tempfile.TemporaryDirectory(prefix="sluice-flatpak-") as tmp:
        run = subprocess.run([flatpak_builder, "--show-manifest", str(manifest_path.resolve())],
                             cwd=tmp, capture_output=True, text=True)
    if run.returncode != 0 or run.stderr.strip():
        fail(f"flatpak-builder --show-manifest exited with {run.returncode}:\n{run.stderr.strip()}")
        return
    try:
        shown = json.loads(run.stdout)
    except json.JSONDecodeError as error:
        fail(f"flatpak-builder --show-manifest printed no JSON: {error}")
        return
    if shown.get("id") != want_id:
        fail(f"flatpak-builder reads the id as {shown.get('id')!r}")
    else:
        print("ok: flatpak-builder --show-manifest parses it without warnings")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--development", action="store_true")
    parser.add_argument("--flatpak-builder", default="")
    parser.add_argument("--same-as", type=pathlib.Path, metavar="RELEASE_MANIFEST",
                        help="fail when MANIFEST differs from this one in more than the variant")
    parser.add_argument("manifest", type=pathlib.Path)
    args = parser.parse_args()

    try:
        manifest = json.loads(args.manifest.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        fail(f"{args.manifest.name} is not valid JSON: {error}")
        return
    want_id = DEVEL_ID if args.development else RELEASE_ID
    expect("id", manifest.get("id", manifest.get("app-id")), want_id)
    if args.manifest.name != f"{want_id}.json":
        fail(f"{args.manifest.name} should be named {want_id}.json")
    expect("runtime", manifest.get("runtime"), RUNTIME)
    expect("runtime-version", manifest.get("runtime-version"), RUNTIME_VERSION)
    expect("sdk", manifest.get("sdk"), SDK)
    expect("command", manifest.get("command"), COMMAND)

    finish_args = manifest.get("finish-args", [])
    if len(finish_args) != len(set(finish_args)):
        fail(f"finish-args has duplicates: {finish_args}")
    extra = sorted(set(finish_args) - FINISH_ARGS)
    missing = sorted(FINISH_ARGS - set(finish_args))
    if extra:
        fail(f"finish-args opens more than the app needs: {extra}")
    if missing:
        fail(f"finish-args lacks {missing}")
    if not extra and not missing:
        print(f"ok: finish-args are exactly {sorted(FINISH_ARGS)}")

    modules = manifest.get("modules", [])
    names = [m.get("name") if isinstance(m, dict) else m for m in modules]
    expect("modules", names, ["libyaml", "sluice"])
    if names == ["libyaml", "sluice"]:
        check_libyaml(modules[0])
        check_sluice(modules[1], args.manifest, args.development)

    if args.same_as is not None:
        release = json.loads(args.same_as.read_text(encoding="utf-8"))
        if without_variant(release) != without_variant(manifest):
            fail(f"{args.manifest.name} and {args.same_as.name} differ in more than the "
                 "app id, the name suffix and -Ddevelopment: keep the two in step")
        else:
            print(f"ok: the same build as {args.same_as.name} apart from the variant")

    if not problems:
        check_flatpak_builder(args.flatpak_builder, args.manifest, want_id)


if __name__ == "__main__":
    main()
    if problems:
        sys.exit(1)
