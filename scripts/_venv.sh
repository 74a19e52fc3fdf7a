# Shared by the scripts: find Python >= 3.11 and make sure .venv exists with jamfor installed.
# Usage: source scripts/_venv.sh [extras]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source "$ROOT/scripts/_system.sh"
PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "jamfor behöver Python 3.11 eller senare (hittade: $("$PY" --version 2>&1))." >&2
    echo "Ange en annan tolk med PYTHON=/sökväg/till/python3.11." >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    echo "Skapar virtuell miljö i .venv …" >&2
    "$PY" -m venv .venv
fi
EXTRAS="${1:-}"
SPEC="."
[ -n "$EXTRAS" ] && SPEC=".[$EXTRAS]"
echo "Installerar jamfor${EXTRAS:+ med $EXTRAS} i .venv …" >&2
.venv/bin/python -m pip install --quiet --disable-pip-version-check --editable "$SPEC"
# Compile jamfor's bytecode now: an editable install leaves src/ uncompiled, and where
# PYTHONDONTWRITEBYTECODE is set every run would compile the whole package again.
.venv/bin/python -m compileall -q src/jamfor
