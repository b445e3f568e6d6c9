#!/usr/bin/env bash
# Set-up and everyday commands of the site. On a fresh Debian machine, as root:
#   bash manage.sh serve   # installs what it needs, builds (strict) and serves the site on http://127.0.0.1:8000/
#   bash manage.sh test    # installs what it needs, runs every test (unit, build, browser)
# Other commands: check (every content check, a report by file, no browser), build (strict build into site/),
# pdf (the whole guide as one PDF per edition, into site/pdf/), bench (benchmarks: build time, page weight,
# search), install.
set -euo pipefail
cd "$(dirname "$0")"

VENV=${VENV:-.venv}
PY=${PYTHON:-python3}
export NO_MKDOCS_2_WARNING=1          # Material's end-of-life notice (support until May 2027), known and planned for
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

apt_install() {  # apt_install PACKAGE...: install Debian packages that are missing
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "error: missing Debian packages: ${missing[*]}. Install them as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  local SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  say "installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq || { echo "error: apt-get update failed (is a Debian mirror reachable?)" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "error: apt-get could not install ${missing[*]}" >&2; exit 1; }
}

install() {  # install [test]: system packages, virtualenv, pinned Python dependencies, the engine package
  command -v "$PY" >/dev/null || apt_install python3
  "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || { echo "error: Python >= 3.11 is needed ($PY is $("$PY" --version 2>&1))" >&2; exit 1; }
  "$PY" -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
  apt_install graphviz fonts-dejavu-core   # diagram renderer (dot) and its layout font, used by the build
  [ "${1:-}" = test ] && apt_install chromium fonts-dejavu-core   # browser tests: Debian's Chromium, never a download
  [ "${1:-}" = test ] && { command -v java >/dev/null || apt_install default-jre-headless; }   # the Nu HTML Checker
  [ "${1:-}" = test ] && { command -v npm >/dev/null || apt_install nodejs npm; }   # Lighthouse (npm, at test time)
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating the virtualenv $VENV"
    "$PY" -m venv "$VENV"
  fi
  local stamp="$VENV/.installed-$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    say "installing pinned Python dependencies (constraints.txt)"
    "$VENV/bin/pip" install -q -c constraints.txt -e ".[test]"
    rm -f "$VENV"/.installed-*; touch "$stamp"
  fi
}

build() {
  say "building the site (strict) into site/"
  "$VENV/bin/mkdocs" build --strict "$@"
}

case "${1:-}" in
  install) install test ;;
  build) install; shift; build "$@" ;;
  check)
    install
    shift
    say "checking the content (the strict build into a temporary folder, then the own-words check)"
    exec "$VENV/bin/python" -m soins_obliges.check "$@" ;;
  serve)
    install
    build
    PORT=${PORT:-8000}
    say "serving on http://127.0.0.1:$PORT/ (English: http://127.0.0.1:$PORT/en/) — Ctrl+C to stop"
    exec "$VENV/bin/mkdocs" serve --strict --dirty --dev-addr "127.0.0.1:$PORT" ;;
  test)
    install test
    shift
    say "running the tests (unit, build, browser)"
    exec "$VENV/bin/python" -m pytest "$@" ;;
  pdf)
    install test                     # Playwright and Debian's Chromium print the PDFs
    build
    say "printing the whole guide to one PDF per edition (site/pdf/)"
    exec "$VENV/bin/python" -m soins_obliges.pdf site ;;
  bench)
    install test
    shift
    "$VENV/bin/python" -c 'import pagefind_bin' 2>/dev/null || {   # benchmarks/search_pagefind.py: the other way
      say "installing Pagefind for the search comparison (constraints.txt)"
      "$VENV/bin/pip" install -q -c constraints.txt "pagefind[bin]"; }
    exec "$VENV/bin/python" -m benchmarks "$@" ;;
  *)
    echo "usage: bash manage.sh serve|test|check|build|pdf|bench|install" >&2; exit 2 ;;
esac
