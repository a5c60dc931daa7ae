#!/usr/bin/env python3
# check-icons.py — the app icon is a 128×128 full-colour SVG and the
# symbolic icon a 16×16 SVG drawn in #2e3436 fills only: GTK recolours the
# fills of symbolic icons to the theme's foreground but leaves strokes and
# other colours alone, so those would stay dark on a dark background.
# When rsvg-convert (librsvg2-bin) is installed, both must also render.
# Run by `meson test` (icons).
#
#   check-icons.py APP_ICON.svg SYMBOLIC_ICON-symbolic.svg
#
# Copyright 2026 The Sluice authors
# SPDX-License-Identifier: GPL-3.0-or-later

import pathlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
SYMBOLIC_COLOUR = "#2e3436"
SHAPES = {"path", "rect", "circle", "ellipse", "polygon", "polyline", "line"}

problems = []


def fail(message):
    problems.append(message)
    print(f"FAIL: {message}")


def local(tag):
    return tag.split("}", 1)[-1]


def style_of(element):
    """An element's presentation attributes, with style="" folded in."""
    props = {k: v for k, v in element.attrib.items() if k in ("fill", "stroke", "opacity")}
    for decl in element.get("style", "").split(";"):
        if ":" in decl:
            key, value = (s.strip() for s in decl.split(":", 1))
            props[key] = value
    return props


def check_size(path, root, size):
    if root.tag != f"{SVG}svg":
        fail(f"{path.name}: the root is not an SVG <svg> element")
        return
    view_box = [float(v) for v in re.split(r"[ ,]+", root.get("viewBox", "").strip()) if v]
    if view_box != [0, 0, size, size]:
        fail(f"{path.name}: viewBox is {root.get('viewBox')!r}, not '0 0 {size} {size}'")
    for attr in ("width", "height"):
        if root.get(attr) != str(size):
            fail(f"{path.name}: {attr} is {root.get(attr)!r}, not '{size}'")


def check_symbolic(path, root):
    def walk(element, inherited):
        props = dict(inherited)
        props.update(style_of(element))
        name = local(element.tag)
        if name in ("text", "image", "use", "linearGradient", "radialGradient", "filter", "mask"):
            fail(f"{path.name}: <{name}> does not belong in a symbolic icon")
        if name in SHAPES:
            fill = props.get("fill", "#000000").lower()
            stroke = props.get("stroke", "none").lower()
            if fill not in (SYMBOLIC_COLOUR, "none"):
                fail(f"{path.name}: a <{name}> is filled with {fill}, not {SYMBOLIC_COLOUR}")
            if stroke != "none":
                fail(f"{path.name}: a <{name}> has a stroke ({stroke}); GTK does not recolour strokes")
        for child in element:
            walk(child, props)

    walk(root, {})


def png_size(path):
    data = path.read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", data[16:24])


def check_renders(path, size):
    rsvg = shutil.which("rsvg-convert")
    if rsvg is None:
        print(f"note: rsvg-convert is not installed; {path.name} not rendered")
        return
    with tempfile.TemporaryDirectory(prefix="sluice-icons-") as tmp:
        png = pathlib.Path(tmp) / "icon.png"
        run = subprocess.run([rsvg, "-w", str(size), "-h", str(size), str(path), "-o", str(png)],
                             capture_output=True, text=True)
        if run.returncode != 0 or run.stderr.strip():
            fail(f"{path.name}: rsvg-convert failed: {run.stderr.strip()}")
        elif png_size(png) != (size, size):
            fail(f"{path.name}: rendered to {png_size(png)}, not {size}×{size}")
        else:
            print(f"ok: {path.name} renders at {size}×{size}")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check-icons.py APP_ICON.svg SYMBOLIC_ICON-symbolic.svg")
    app_icon, symbolic_icon = (pathlib.Path(p) for p in sys.argv[1:])

    for path, size in ((app_icon, 128), (symbolic_icon, 16)):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as error:
            fail(f"{path.name}: not well-formed XML: {error}")
            continue
        check_size(path, root, size)
        if path is symbolic_icon:
            if not path.name.endswith("-symbolic.svg"):
                fail(f"{path.name}: a symbolic icon's name must end in -symbolic.svg")
            check_symbolic(path, root)
        check_renders(path, size)

    if problems:
        sys.exit(1)
    print("ok: both icons pass")


if __name__ == "__main__":
    main()
