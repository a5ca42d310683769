# Shared by scripts/start and scripts/test: a project virtualenv with the backend installed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON_BIN="${PYTHON_BIN:-python3}"
VENV="$ROOT/.venv"

ensure_venv() {  # ensure_venv <pip extras spec>
  local spec="$1" stamp="$VENV/.installed-$(printf '%s' "$1" | tr -c 'a-z' '_')"
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON_BIN" -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "==> 安装 Python 依赖（$spec）"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec"
    touch "$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
}

ensure_node_modules() {
  if ! command -v npm >/dev/null; then
    echo "需要 Node.js 20 或更高版本（npm）来构建前端" >&2
    exit 1
  fi
  if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
    echo "==> 安装前端依赖"
    (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
