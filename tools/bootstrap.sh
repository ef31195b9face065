#!/usr/bin/env bash
# Debian packages installed when missing, as root or with sudo; nothing when all are there.
#   tools/bootstrap.sh              what a clean machine lacks before the Makefile can set up:
#                                   make, Python 3 and its venv module (Debian ships ensurepip
#                                   apart, in python3-venv). Used by .ci/run and the Makefile.
#   tools/bootstrap.sh CMD=PKG ...  package PKG for each command CMD not on PATH (the
#                                   Makefile's chromium, jq, nodejs and npm).
set -euo pipefail
missing=()
if [ $# -gt 0 ]; then
  for pair in "$@"; do
    command -v "${pair%%=*}" >/dev/null 2>&1 || missing+=("${pair#*=}")
  done
else
  python=${PYTHON:-python3}
  command -v make >/dev/null 2>&1 || missing+=(make)
  if ! command -v "$python" >/dev/null 2>&1; then
    missing+=(python3 python3-venv)
  elif ! "$python" -c "import ensurepip, venv" >/dev/null 2>&1; then
    missing+=(python3-venv)
  fi
fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=$([ "$(id -u)" -eq 0 ] || echo sudo)
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
