#!/usr/bin/env bash
# Runs the side-by-side benchmarks of credscope, expr and cel-go, summarises
# them with benchstat, and prints credscope's ratios to each engine per
# workload and phase, all from the same run.
set -euo pipefail
cd "$(dirname "$0")"

count="${COUNT:-6}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

echo "== go test -bench . -benchmem -count=$count"
go test -run 'TestWorkloadsAgree' -count=1 .
go test -run '^$' -bench . -benchmem -count="$count" -timeout 60m . | tee "$out"

echo
echo "== benchstat"
go tool benchstat "$out"

echo
echo "== credscope / expr and credscope / cel-go (medians; lower is faster)"
go run ./cmd/ratios < "$out"
