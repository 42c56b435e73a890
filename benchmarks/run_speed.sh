#!/usr/bin/env bash
# Pages per second of `corroborate run` (wall clock and peak memory from /usr/bin/time -v),
# on a fresh store each time: the bundled examples and, when ../shared is here, the seed pages.
# Usage: bash benchmarks/run_speed.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin/corroborate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() {  # name, inputs...
    local name=$1; shift
    rm -rf "$work/out"
    /usr/bin/time -v "$bin" run "$@" --db "$work/out/c.db" --out "$work/out" >"$work/stdout" 2>"$work/time"
    local pages wall rss
    pages=$(grep -oE '^[0-9]+ pages' "$work/stdout" | cut -d' ' -f1)
    wall=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(grep 'Maximum resident set size' "$work/time" | awk '{print $NF}')
    awk -v n="$name" -v p="$pages" -v w="$wall" -v r="$rss" \
        'BEGIN { printf "%-28s %5d pages  %6.2f s wall  %7.1f pages/s  %6.0f MB peak\n", n, p, w, p / w, r / 1024 }'
}

measure "examples/" examples
if [ -d ../shared/examples/pages ]; then
    measure "seed pages" ../shared/examples/pages
fi
if [ -d ../shared/datasets/l3s-gn1/html ]; then
    measure "l3s-gn1 (621 HTML pages)" ../shared/datasets/l3s-gn1/html
fi
