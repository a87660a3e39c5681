#!/usr/bin/env bash
# Starts the local emulators on 127.0.0.1 for people running the function app by hand (the quick start,
# tests and benchmarks start their own through the C# fixtures, on free ports):
#   Azurite  blob/queue/table on $SO_BLOB_PORT/$SO_QUEUE_PORT/$SO_TABLE_PORT (10000/10001/10002), one node
#            process per service so blob and queue requests do not share one event loop
#   Cosmos   REST server on $SO_COSMOS_PORT (8081), self-signed https
# Data persists under infra/local/.data/azurite unless SO_INMEMORY=1. PIDs go to infra/local/.stack.pids,
# logs to infra/local/.logs/. Idempotent: if the stack from the pid file still runs, it says so and exits 0.
# Stop with stop-stack.sh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

blob_port="${SO_BLOB_PORT:-10000}"
queue_port="${SO_QUEUE_PORT:-10001}"
table_port="${SO_TABLE_PORT:-10002}"
cosmos_port="${SO_COSMOS_PORT:-8081}"
pid_file="$here/.stack.pids"
log_dir="$here/.logs"
start_timeout="${SO_START_TIMEOUT:-60}"
stack_size=4 # azurite-blob, azurite-queue, azurite-table, cosmos

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running_pids() {
  [[ -f "$pid_file" ]] || return 0
  local name pid
  while read -r name pid; do
    if [[ -n "${pid:-}" ]] && kill -0 "$pid" 2>/dev/null; then
      echo "$name $pid"
    fi
  done <"$pid_file"
}

if [[ -f "$pid_file" ]]; then
  alive="$(running_pids)"
  if [[ "$(grep -c . <<<"$alive" || true)" -eq "$stack_size" ]]; then
    echo "local stack already running:"
    sed 's/^/  /' <<<"$alive"
    exit 0
  fi
  # A half-dead stack: stop what is left, then start afresh.
  "$here/stop-stack.sh"
fi

for port in "$blob_port" "$queue_port" "$table_port" "$cosmos_port"; do
  if port_open "$port"; then
    echo "port $port on 127.0.0.1 is already in use (not by this stack); set SO_*_PORT or free it" >&2
    exit 1
  fi
done

command -v node >/dev/null || { echo "node is not on PATH (Node.js 20+ needed)" >&2; exit 1; }
if [[ ! -d node_modules || package-lock.json -nt node_modules \
      || ! -f node_modules/.package-lock.json || ! -f node_modules/azurite/dist/src/blob/main.js || ! -f node_modules/@vercel/cosmosdb-server/lib/index.js ]]; then
  echo "installing emulators (npm ci)..."
  npm ci --no-audit --no-fund
  touch node_modules
fi

mkdir -p "$log_dir"
if [[ "${SO_INMEMORY:-0}" == "1" ]]; then
  persistence=(--inMemoryPersistence)
else
  mkdir -p "$here/.data/azurite"
  persistence=(--location "$here/.data/azurite")
fi

# stdin from /dev/null: exit-with-parent.js only watches pipes, so these outlive this script.
start_azurite() { # service port
  # A 1 GB first old-generation limit: see AzuriteFixture.NodeHeapFlag (fewer stop-the-world collections).
  # azurite-store-fixes.js: store paths whose cost grew with everything stored, made cheap (see the file).
  nohup node --initial-old-space-size=1024 --require ./azurite-store-fixes.js "node_modules/azurite/dist/src/$1/main.js" \
    --disableTelemetry --skipApiVersionCheck --loose "${persistence[@]}" \
    "--$1Host" 127.0.0.1 "--$1Port" "$2" \
    </dev/null >"$log_dir/azurite-$1.log" 2>&1 &
  echo "azurite-$1 $!" >>"$pid_file"
}
: >"$pid_file"
start_azurite blob "$blob_port"
start_azurite queue "$queue_port"
start_azurite table "$table_port"
nohup node cosmos-server.js --port "$cosmos_port" </dev/null >"$log_dir/cosmos.log" 2>&1 &
echo "cosmos $!" >>"$pid_file"

deadline=$((SECONDS + start_timeout))
for port in "$blob_port" "$queue_port" "$table_port" "$cosmos_port"; do
  until port_open "$port"; do
    if [[ "$(running_pids | grep -c . || true)" -ne "$stack_size" ]] || ((SECONDS >= deadline)); then
      echo "local stack failed to start (port $port not answering); logs:" >&2
      tail -n 20 "$log_dir"/azurite-*.log "$log_dir/cosmos.log" >&2 || true
      "$here/stop-stack.sh" >/dev/null
      exit 1
    fi
    sleep 0.2
  done
done

cat <<MSG
local stack running (pids in $pid_file, logs in $log_dir):
  Azurite blob  http://127.0.0.1:$blob_port/devstoreaccount1
  Azurite queue http://127.0.0.1:$queue_port/devstoreaccount1
  Azurite table http://127.0.0.1:$table_port/devstoreaccount1
  Cosmos        https://127.0.0.1:$cosmos_port/ (self-signed certificate)
MSG
