#!/usr/bin/env bash
# The Debian package of a release build: `tauri build --bundles deb`, then the package rewritten
# with xz (dpkg's own default) instead of the bundler's gzip — the same files, 9.0 MB → 6.5 MB
# (docs/benchmarks.md, Release build). Not part of the test run: a release build takes ~20 minutes
# on two cores.
#   bash scripts/package-deb.sh        → target/release/bundle/deb/DutyDesk_<version>_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export PATH="$HOME/.cargo/bin:$PATH"

ui/node_modules/.bin/tauri build --bundles deb --ci
target_dir="${CARGO_TARGET_DIR:-target}"
shopt -s nullglob
debs=("$target_dir"/release/bundle/deb/*.deb)
if [ "${#debs[@]}" -ne 1 ]; then
  echo "package-deb: expected one .deb in $target_dir/release/bundle/deb, found ${#debs[@]}" >&2
  exit 1
fi
deb="${debs[0]}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Unpacked with its control files, rebuilt with the same metadata and owners, xz at level 9.
dpkg-deb -R "$deb" "$work/root"
dpkg-deb --root-owner-group -Zxz -z9 -b "$work/root" "$work/repacked.deb" >/dev/null
mv "$work/repacked.deb" "$deb"
dpkg-deb -I "$deb" >/dev/null
printf '%s: %s bytes\n' "$deb" "$(stat -c %s "$deb")"
