#!/usr/bin/env bash
# Installs what is missing, builds DutyDesk with its frontend embedded, and starts it on the
# engineer's own data directory (~/.local/share/cn.dutydesk.desktop, or DUTYDESK_DATA_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
ui/node_modules/.bin/tauri build --debug --no-bundle --config src-tauri/tauri.conf.json >/dev/null
exec target/debug/dutydesk "$@"
