#!/usr/bin/env bash
# Quick start: installs what it needs (npm ci for the emulators, NuGet restore), starts Azurite and the
# Cosmos server on free 127.0.0.1 ports, starts the function app, sends a realistic mixed stream of signed
# webhooks for all four channels over HTTP (duplicates and out-of-order deliveries included), prints what
# landed, stops everything and exits. Pass --keep-serving to leave the app running until Ctrl+C, and
# --orders-per-channel N for a bigger stream.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if [ ! -f infra/local/node_modules/.package-lock.json ]; then
  (cd infra/local && npm ci --no-audit --no-fund)
fi

dotnet build tests/ServerlessOps.Simulator -c Release -nologo -v quiet
dotnet run --no-build -c Release --project tests/ServerlessOps.Simulator -- demo "$@"
