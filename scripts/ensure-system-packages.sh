#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real: Chromium (browser tests) and
# redis-server (multi-process tests), python3 (the decision-log verifier) and python3-venv for the Python
# venvs (schemathesis, the socket conformance client). Does nothing when they are already there.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# The cross-language decision-log verifier (tests/decision-log/verify_log.py) runs on python3's stdlib.
command -v python3 >/dev/null 2>&1 || missing+=(python3)
# The Python venvs (tests/contract/schemathesis.sh, scripts/python-venv.sh): Debian splits ensurepip into python3-venv.
python3 -c 'import ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "[mufakat] installing Debian packages the tests need: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "[mufakat] need root to install ${missing[*]}: run 'apt-get install -y ${missing[*]}' as root, then try again." >&2
    exit 1
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
