#!/usr/bin/env bash
# Lints SFDX or Metadata API projects already on disk and prints, for each,
# its formulas, how many credscope checked, and its errors and notes of
# rule CS405 (record formulas), then the messages of those findings
# grouped by kind. It fetches nothing: give it the project directories.
#
#   bench/lint-projects.sh ~/src/NPSP ~/src/dreamhouse-lwc
#
# CREDSCOPE names the binary to run; by default the command is built from
# this checkout once.
set -euo pipefail

if [ $# -eq 0 ]; then
	echo "usage: $0 PROJECT_DIR..." >&2
	exit 2
fi
bin="${CREDSCOPE:-}"
if [ -z "$bin" ]; then
	bin="$(mktemp -d)/credscope"
	(cd "$(dirname "$0")/.." && go build -o "$bin" ./cmd/credscope)
fi
kinds="$(mktemp)"
trap 'rm -f "$kinds"' EXIT

printf '%-62s %8s %8s %8s %6s %6s\n' project formulas checked '%' errors notes
all=0 allChecked=0 allErrors=0 allNotes=0
for dir in "$@"; do
	# Lint exits 1 when it finds errors; the table reports them.
	out="$("$bin" lint "$dir" 2>&1 || true)"
	summary="$(printf '%s\n' "$out" | tail -n 1)"
	formulas="$(printf '%s\n' "$summary" | sed -n 's/.* \([0-9][0-9]*\) formulas\{0,1\} in .*/\1/p')"
	skipped="$(printf '%s\n' "$summary" | sed -n 's/.*(\([0-9][0-9]*\) reading .*/\1/p')"
	formulas="${formulas:-0}" skipped="${skipped:-0}"
	findings="$(printf '%s\n' "$out" | grep -E ': (error|note): .*\[CS405\]$' || true)"
	errors="$(printf '%s\n' "$findings" | grep -c ': error: ' || true)"
	notes="$(printf '%s\n' "$findings" | grep -c ': note: ' || true)"
	checked=$((formulas - skipped))
	pct=100.0
	if [ "$formulas" -gt 0 ]; then
		pct="$(awk -v c="$checked" -v f="$formulas" 'BEGIN { printf "%.1f", 100 * c / f }')"
	fi
	printf '%-62s %8d %8d %8s %6d %6d\n' "$(basename "$dir")" "$formulas" "$checked" "$pct" "$errors" "$notes"
	all=$((all + formulas)) allChecked=$((allChecked + checked)) allErrors=$((allErrors + errors)) allNotes=$((allNotes + notes))
	# A kind is the message without its place, formula and names.
	printf '%s\n' "$findings" | sed -n 's/^.*: \(error\|note\): in [^:]*: \(.*\) \[CS405\]$/\1: \2/p' |
		sed -E 's/[A-Za-z0-9_$.:]+ (cannot be checked|does not exist)/NAME \1/; s/(package|object|relationship|field|element) [A-Za-z0-9_]+/\1 X/g' >>"$kinds"
done
if [ $# -gt 1 ] && [ "$all" -gt 0 ]; then
	printf '%-62s %8d %8d %8s %6d %6d\n' all "$all" "$allChecked" \
		"$(awk -v c="$allChecked" -v f="$all" 'BEGIN { printf "%.1f", 100 * c / f }')" "$allErrors" "$allNotes"
fi
if [ -s "$kinds" ]; then
	echo
	sort "$kinds" | uniq -c | sort -rn
fi
