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

# Generated from Rust and committed: the ts-rs bindings (written by `cargo test`), and the UI's
# command map and the capability (written by src-tauri/build.rs). A run must not change them.
generated() { cat ui/src/bindings/*.ts ui/src/api/commands.ts src-tauri/capabilities/main.json | sha256sum; }
generated_before=$(generated)

step "rustfmt"
cargo fmt --all -- --check

step "clippy"
cargo clippy --workspace --all-targets --locked --quiet -- -D warnings

step "Rust tests"
cargo test --workspace --locked --quiet
if [ "$generated_before" != "$(generated)" ]; then
  echo "Files generated from Rust changed (ui/src/bindings, ui/src/api/commands.ts," >&2
  echo "src-tauri/capabilities/main.json): commit the regenerated files." >&2
  git --no-pager diff --stat -- ui/src/bindings ui/src/api/commands.ts src-tauri/capabilities >&2 || true
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
