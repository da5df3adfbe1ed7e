#!/usr/bin/env bash
# Every check CI runs, in the order that fails fastest. `.ci/run` calls exactly this.
#   formatting, lint (clippy -D warnings), Rust tests, IPC bindings up to date,
#   UI type-check + unit tests + build, the app build, and the real-window journeys under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$1" "$(( $(date +%s) - started ))"; }

step "依赖 / dependencies"
bash scripts/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never

step "前端构建 / UI build (the app embeds ui/dist)"
# Quiet when it works; the whole output when it does not.
quietly() { local out; out=$("$@" 2>&1) || { printf '%s\n' "$out" >&2; return 1; }; }
(cd ui && quietly npm run --silent build)

step "rustfmt"
cargo fmt --all -- --check

step "clippy"
cargo clippy --workspace --all-targets --locked --quiet -- -D warnings

step "Rust tests"
bindings_before=$(cd ui/src/bindings && cat ./*.ts | sha256sum)
cargo test --workspace --locked --quiet
bindings_after=$(cd ui/src/bindings && cat ./*.ts | sha256sum)
if [ "$bindings_before" != "$bindings_after" ]; then
  echo "ui/src/bindings changed when regenerated from Rust: commit the regenerated files." >&2
  git --no-pager diff --stat -- ui/src/bindings >&2 || true
  exit 1
fi

step "UI type-check and unit tests"
(cd ui && npm run --silent typecheck && npm test --silent)

step "app build (frontend embedded) and CLI"
quietly ui/node_modules/.bin/tauri build --debug --no-bundle --ci
cargo build -p dutydesk-cli --locked --quiet

step "real-window journeys (Xvfb + tauri-driver + WebKitWebDriver)"
rm -rf tests/e2e/output
dbus-run-session -- xvfb-run -a -s "-screen 0 1366x768x24" \
  node --test --test-concurrency=1 --test-reporter=spec tests/e2e/

step "done"
