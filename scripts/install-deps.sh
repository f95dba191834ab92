#!/usr/bin/env bash
# Installs what kehoach needs to build, run and test, when it is missing:
# Debian packages through apt-get (with sudo when not root) and the npm
# packages of package-lock.json. Safe to run again: it does nothing when all
# is there. Usage: scripts/install-deps.sh [run|test]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-test}

build_pkgs=(build-essential cmake pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev
            libsodium-dev libutf8proc-dev sqlite3 libzip-dev libxml2-dev libcairo2-dev
            libpango1.0-dev libxlsxwriter-dev fonts-liberation)
test_pkgs=(libcmocka-dev nodejs npm chromium clang clang-format libclang-rt-14-dev wrk poppler-utils
           zip unzip)

pkgs=("${build_pkgs[@]}")
[ "$what" = test ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
	# node/npm may come from elsewhere (nvm, nodesource): accept the commands.
	if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
	if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
	echo "==> Cài các gói Debian còn thiếu: ${missing[*]}"
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	$sudo apt-get update -q
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ "$what" = test ] && [ -f package-lock.json ]; then
	if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
		echo "==> npm ci"
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	fi
fi
