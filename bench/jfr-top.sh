#!/usr/bin/env bash
# Hottest methods of a JFR recording (from BENCH_JFR=1 ./ratings bench): counts the execution
# samples by top frame, and by the first frame in one of the given packages (default dev.ratings).
#   bench/jfr-top.sh <recording.jfr> [lines] [package prefix]
set -euo pipefail
file=${1:?usage: bench/jfr-top.sh <recording.jfr> [lines] [package prefix]}
lines=${2:-15}
package=${3:-dev.ratings}
samples=$(mktemp)
trap 'rm -f "$samples"' EXIT
jfr print --events jdk.ExecutionSample --stack-depth 64 "$file" >"$samples"
total=$(grep -c '^jdk.ExecutionSample' "$samples" || true)
echo "$total execution samples in $file"
echo "-- top frames"
awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); print}' "$samples" \
    | sort | uniq -c | sort -rn | head -n "$lines"
echo "-- first frame in $package"
awk -v p="$package" '
    /stackTrace = \[/ {inside = 1; found = 0; next}
    inside && /^[ \t]*\]/ {if (!found) print "(none)"; inside = 0; next}
    inside && !found && index($1, p) == 1 {f = $1; sub(/\(.*/, "", f); print f; found = 1}
' "$samples" | sort | uniq -c | sort -rn | head -n "$lines"
