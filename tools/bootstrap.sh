#!/usr/bin/env bash
# What a clean Debian machine lacks before the Makefile can set up: make, Python 3 and its venv
# module (Debian ships ensurepip apart, in python3-venv). Installed when missing, as root or
# with sudo; the Makefile installs the rest (chromium, nodejs, npm). Used by .ci/run and by the
# Makefile's virtual-environment step.
set -euo pipefail
python=${PYTHON:-python3}
missing=()
command -v make >/dev/null 2>&1 || missing+=(make)
if ! command -v "$python" >/dev/null 2>&1; then
  missing+=(python3 python3-venv)
elif ! "$python" -c "import ensurepip, venv" >/dev/null 2>&1; then
  missing+=(python3-venv)
fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=$([ "$(id -u)" -eq 0 ] || echo sudo)
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
