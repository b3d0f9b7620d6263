#!/usr/bin/env bash
# Render `etl report` in headless Chromium and save a screenshot, to check that the charts draw
# (plotly.js inline, no network). Usage:
#   scripts/check_report.sh [DATABASE_URL] [OUT_DIR]
# defaults: $ETL_DATABASE_URL or sqlite:///etl.db, and ./report-check. Needs the `report` extra
# (uv sync --extra report) and Chromium (Debian: apt-get install -y chromium fonts-noto-core).
set -euo pipefail

db="${1:-${ETL_DATABASE_URL:-sqlite:///etl.db}}"
out="${2:-report-check}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
    echo "error: no chromium found (apt-get install -y chromium)" >&2
    exit 2
fi

uv run etl report --db "$db" --out "$out/report.html"
# --virtual-time-budget lets plotly finish drawing before the screenshot is taken
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,3000 \
    --virtual-time-budget=15000 --screenshot="$out/report.png" "file://$out/report.html" 2>/dev/null
size=$(stat -c %s "$out/report.png")
echo "screenshot: $out/report.png ($size bytes)"
# a blank page compresses to a few kB; three drawn charts are far larger
if (( size < 50000 )); then
    echo "error: the screenshot looks blank" >&2
    exit 1
fi
