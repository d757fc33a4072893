#!/usr/bin/env bash
# One command from a fresh clone to a working environment (see README "Set-up").
#   bash scripts/setup.sh
# Creates .venv, installs the CPU build of torch (unless a torch is already in .venv),
# the package with its test extras, and Debian's chromium for the browser test.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
PY=${PYTHON:-python3}
TORCH_SPEC=${VRDNDI_TORCH:-torch==2.13.0}

if [ ! -x .venv/bin/python ]; then
  echo "[setup] creating .venv with $($PY --version)"
  "$PY" -m venv .venv
fi
. .venv/bin/activate
python -m pip install --quiet --upgrade pip

if ! python -c "import torch" 2>/dev/null; then
  # Pinned: an unpinned torch pulls a multi-GB CUDA build. GPU users: install your own torch
  # into .venv before running this script and it is kept.
  echo "[setup] installing $TORCH_SPEC"
  python -m pip install --quiet "$TORCH_SPEC"
fi
echo "[setup] installing vrdndi with test extras"
python -m pip install --quiet -e ".[test]"

if [ "${VRDNDI_SKIP_BROWSER:-0}" != "1" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    echo "[setup] installing Debian chromium for the browser test"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "[setup] chromium not found and not root: the browser test will fail; install chromium" >&2
  fi
fi
echo "[setup] done in $(( $(date +%s) - start )) s"
