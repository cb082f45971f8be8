#!/usr/bin/env bash
# GPU benchmark (issue "Speed to the hardware"): installs from the npm registry (npm ci), builds the
# app, and runs one whole official-settings search on WebGPU in headless Chromium (bench/gpu-search.ts),
# writing bench/results/gpu-<date>.json with the adapter's name, per-round and total times and the
# result — all inside 8 minutes (the search itself is limited to --limit-s, default 420 s).
#
#   bash bench/gpu.sh [options of bench/gpu-search.ts, e.g. --preset quick --flags '--use-angle=vulkan']
#
# Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH). With no GPU, Chromium offers SwiftShader:
# then only tiny settings finish (see bench/gpu-search.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
[ -f dist/index.html ] || npx vite build
if command -v nvidia-smi >/dev/null 2>&1; then nvidia-smi --query-gpu=name,driver_version --format=csv,noheader; fi
exec timeout 470 npx tsx bench/gpu-search.ts "$@"
