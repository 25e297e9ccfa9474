#!/usr/bin/env bash
# The warm-up load of bench/oauth-service/run.sh and bench/keycloak/run.sh, in steps of at most 60 s, each step's
# rate printed: the last steps show whether the server had stopped getting faster before the measured run.
# Usage: bench/oauth-service/warm-up.sh <seconds> <connections> <token-url>
# (env LOAD_CPUS: a taskset CPU list for wrk; CLIENT_AUTH as for token.lua)
set -euo pipefail
WARM=$1; C=$2; URL=$3
PIN=(); [ -n "${LOAD_CPUS:-}" ] && PIN=(taskset -c "$LOAD_CPUS")
echo "== warm-up ${WARM}s (-t2 -c$C), grants/s per step"
done_s=0
while [ "$done_s" -lt "$WARM" ]; do
  step=$(( WARM - done_s < 60 ? WARM - done_s : 60 ))
  rate=$("${PIN[@]}" wrk -t2 -c"$C" -d"${step}s" -s "$(dirname "$0")/token.lua" "$URL" \
    | awk '/Requests\/sec/ { r = $2 } /Non-2xx/ { n = $5 } END { printf "%s%s", r, (n ? " (non-2xx: " n ")" : "") }')
  done_s=$(( done_s + step ))
  echo "   ${done_s}s: $rate"
done
