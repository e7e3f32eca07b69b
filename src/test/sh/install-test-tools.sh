#!/usr/bin/env bash
# Installs what the test suite needs beyond Java and Maven: Debian's headless Chromium with its driver (browser
# tests), ffmpeg (ffprobe checks that result videos decode), Node's npm with the pinned axe-core of
# src/test/axe (the browser tests' accessibility audit), and PostgreSQL's server (the database ITs run on it too,
# in a throwaway cluster that src/test/sh/postgres.sh makes; the Debian service is not needed and not started).
# Does nothing when they are already there.
set -euo pipefail
cd "$(dirname "$0")/../../.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
command -v jq >/dev/null 2>&1 || missing+=(jq) # bench/kill-test.sh (run by KillIT) reads the API's JSON with it
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# Debian keeps initdb/pg_ctl out of PATH, under /usr/lib/postgresql/<version>/bin
if ! { command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; } \
    && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  missing+=(postgresql)
fi
# fonts for Chinese and emoji, so that the screenshots of UTF-8 prompts show them rather than empty boxes
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
[ -e /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || missing+=(fonts-noto-color-emoji)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test tools: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" </dev/null >/dev/null
fi
# exactly the version in src/test/axe/package-lock.json
if [ ! -f src/test/axe/node_modules/axe-core/axe.min.js ]; then
  echo "Installing axe-core (src/test/axe)"
  npm ci --prefix src/test/axe --no-audit --no-fund --loglevel=error </dev/null
fi
