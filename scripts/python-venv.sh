#!/usr/bin/env bash
# Makes (once) and prints the path of a Python venv for one of the outside tools the tests drive.
# Usage: scripts/python-venv.sh NAME REQUIREMENTS_FILE
# The venv lives in ${XDG_CACHE_HOME:-~/.cache}/mufakat/NAME-<hash of the requirements file>, so a changed
# pin makes a new venv and later runs reuse it. Progress goes to stderr; only the path goes to stdout.
set -euo pipefail
name="$1"
requirements="$2"
[ -f "$requirements" ] || { echo "python-venv: no requirements file $requirements" >&2; exit 1; }
hash="$(sha256sum "$requirements" | cut -c1-12)"
venv="${XDG_CACHE_HOME:-$HOME/.cache}/mufakat/$name-$hash"
if [ ! -f "$venv/.ready" ]; then
  echo "  [python] creating the $name venv in $venv from $requirements (once; later runs reuse it)" >&2
  rm -rf "$venv"
  mkdir -p "$(dirname "$venv")"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --disable-pip-version-check -q -r "$requirements" >&2
  touch "$venv/.ready"
fi
printf '%s\n' "$venv"
