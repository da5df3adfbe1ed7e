#!/usr/bin/env bash
# Installs what building, running and testing DutyDesk needs on Debian/Ubuntu, and only what is
# missing: system packages, tauri-driver, and the UI's npm packages. Safe to run again; quiet when
# everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Build: WebKitGTK and friends for Tauri. Run: a CJK font so Chinese renders. Test: a virtual
# display, a session bus for notifications and single-instance, WebKit's WebDriver, a notification
# daemon (dunst) to receive the reminders for real, and LibreOffice Calc + poppler to print the
# exported workbooks to PDF as the client's printer would.
PACKAGES=(
  build-essential file pkg-config
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libssl-dev libxdo-dev
  fonts-noto-cjk
  webkit2gtk-driver xvfb xauth dbus dbus-x11 dunst
  libreoffice-calc poppler-utils
  sqlite3
)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "安装系统依赖：${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

for tool in cargo node npm; do
  command -v "$tool" >/dev/null || { echo "缺少 $tool：请先安装 Rust（rustup）和 Node.js 20.19 以上版本。" >&2; exit 1; }
done

export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v tauri-driver >/dev/null; then
  echo "安装 tauri-driver（WebDriver 桥，用于真实窗口测试）"
  cargo install tauri-driver --version 2.1.0 --locked --quiet
fi

# Install from the lock file, only when it changed since the last install. Not `npm ci`: the
# registry here serves only this platform's build of @tauri-apps/cli, so the lock file cannot list
# the other platforms' optional packages that `npm ci` insists on; `--no-save` keeps the lock as is.
stamp=ui/node_modules/.dutydesk-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s ui/package-lock.json "$stamp"; then
  (cd ui && npm install --no-audit --no-fund --no-save --loglevel=error >/dev/null)
  cp ui/package-lock.json "$stamp"
fi
