#!/usr/bin/env bash
# Stops what start-stack.sh started (PIDs from infra/local/.stack.pids). Idempotent: nothing running is fine.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pid_file="$here/.stack.pids"

if [[ ! -f "$pid_file" ]]; then
  echo "local stack not running"
  exit 0
fi

pids=()
while read -r name pid; do
  [[ -n "${pid:-}" ]] || continue
  # Only kill a PID that is still one of our node processes (PIDs get reused after a reboot).
  if kill -0 "$pid" 2>/dev/null && grep -q "node" "/proc/$pid/cmdline" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    pids+=("$pid")
    echo "stopping $name ($pid)"
  fi
done <"$pid_file"

for _ in $(seq 1 50); do
  alive=()
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then alive+=("$pid"); fi
  done
  ((${#alive[@]} == 0)) && break
  sleep 0.1
done
for pid in "${alive[@]}"; do
  kill -KILL "$pid" 2>/dev/null || true
done

rm -f "$pid_file"
echo "local stack stopped"
