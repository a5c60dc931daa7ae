#!/usr/bin/env bash
# install-deps.sh — install the Debian 12 packages Sluice needs to build
# and test. Safe to run again: when everything is there it only checks.
#
# Copyright 2026 The Sluice authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

# Append new build or test dependencies here, one package per word.
SLUICE_DEBIAN_PACKAGES=(
  # build tools
  meson ninja-build pkg-config gcc
  # fuzzing: clang with the libFuzzer and sanitizer runtimes
  clang libclang-rt-14-dev
  # libraries of the core
  libglib2.0-dev libglib2.0-bin libjson-glib-dev libyaml-dev
  # the simulation layer
  libsqlite3-dev sqlite3
  # impact reports: charts, HTML and PDF exports (pdfinfo checks PDFs in tests)
  libcairo2-dev libpango1.0-dev poppler-utils
  # the desktop app
  libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev
  adwaita-icon-theme hicolor-icon-theme fonts-cantarell
  # UI tests run in a virtual X server
  xvfb xauth
  # translations and the help manual
  gettext itstool yelp-tools
  # checks of desktop data files: desktop file, metainfo, MIME types, icons
  desktop-file-utils appstream shared-mime-info librsvg2-bin
  # test helpers
  python3
)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: this is not a Debian system; install these packages yourself:" >&2
  echo "  ${SLUICE_DEBIAN_PACKAGES[*]}" >&2
  exit 1
fi

is_installed () {
  dpkg-query -W -f='${db:Status-Status}\n' "$1" 2>/dev/null | grep -qx installed
}

missing=()
for package in "${SLUICE_DEBIAN_PACKAGES[@]}"; do
  is_installed "$package" || missing+=("$package")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#SLUICE_DEBIAN_PACKAGES[@]} packages are installed"
  exit 0
fi

as_root=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-deps: missing packages and no sudo to install them as root:" >&2
    echo "  ${missing[*]}" >&2
    exit 1
  fi
  as_root=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q -o Acquire::Retries=3
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends -o Acquire::Retries=3 "${missing[@]}"

still_missing=()
for package in "${missing[@]}"; do
  is_installed "$package" || still_missing+=("$package")
done
if [[ ${#still_missing[@]} -ne 0 ]]; then
  echo "install-deps: still not installed: ${still_missing[*]}" >&2
  exit 1
fi

echo "install-deps: done"
