#!/usr/bin/env bash
# Compiles and lints the Bicep templates under infra/azure with the Bicep CLI from NuGet
# (Azure.Bicep.CommandLine.linux-x64, pinned in Directory.Packages.props). Needs only the .NET SDK.
# Fails on any compiler error, any compiler warning and any linter warning: a rule that should not
# apply is switched off in infra/azure/bicepconfig.json with its reason, never ignored here.
#
# Usage: infra/azure/build.sh [output-dir]   (default: artifacts/bicep; compiled ARM JSON goes there)
# Env:   BICEP_PATH  use this bicep binary instead of restoring one.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/artifacts/bicep}"
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

find_bicep() {
  if [[ -n "${BICEP_PATH:-}" ]]; then
    echo "$BICEP_PATH"
    return
  fi
  local project="$here/tools/BicepCli.csproj"
  dotnet restore "$project" --verbosity quiet >&2
  local package
  package="$(dotnet msbuild "$project" -nologo -getProperty:PkgAzure_Bicep_CommandLine_linux-x64)"
  if [[ -z "$package" || ! -d "$package" ]]; then
    echo "build.sh: the Bicep CLI package folder was not found after restore ('$package')" >&2
    exit 1
  fi
  echo "$package/tools/bicep"
}

bicep="$(find_bicep)"
if [[ ! -x "$bicep" ]]; then
  chmod u+x "$bicep"
fi
echo "bicep: $("$bicep" --version)"

failures=0
checked=0

# Runs one bicep command; a non-zero exit or any "Warning"/"Error" diagnostic fails the build.
run() {
  local what="$1"
  shift
  local output status=0
  output="$("$bicep" "$@" 2>&1)" || status=$?
  checked=$((checked + 1))
  if [[ $status -ne 0 ]] || grep -Eq ' : (Warning|Error) ' <<<"$output"; then
    failures=$((failures + 1))
    echo "FAIL $what (exit $status)"
    # Each diagnostic once: bicep repeats a module's diagnostics for every file that imports it.
    awk '!seen[$0]++' <<<"$output" | sed 's/^/  /'
  else
    echo "ok   $what"
  fi
}

cd "$here"
run "build main.bicep" build main.bicep --outfile "$out/main.json"

while IFS= read -r file; do
  run "lint ${file#./}" lint "$file"
done < <(find . -path ./tools -prune -o \( -name '*.bicep' -o -name '*.bicepparam' \) -print | sort)

for params in parameters/*.bicepparam; do
  env="$(basename "$params" .bicepparam)"
  run "build-params $params" build-params "$params" --outfile "$out/$env.parameters.json"
done

if [[ $failures -ne 0 ]]; then
  echo "bicep: $failures of $checked steps failed"
  exit 1
fi
echo "bicep: all $checked steps clean (no errors, no warnings); ARM JSON in ${out#"$root"/}"
