#!/usr/bin/env bash
# Runs every test of the solution against real emulators (the fixtures start Azurite and the Cosmos
# server themselves on free 127.0.0.1 ports). Installs what it needs first: npm packages of the local
# stack and NuGet packages. Prints the totals as "N passed, N failed" on the last line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ ! -f infra/local/node_modules/.package-lock.json ]; then
  (cd infra/local && npm ci --no-audit --no-fund)
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet restore ServerlessOps.sln
# Every warning is an error, but NU1603 ("a higher version than asked for was resolved"): the Worker SDK generates
# and restores a hidden WorkerExtensions project of its own, whose dependencies ask for versions the registry copy
# does not serve. Our own projects pin theirs (Directory.Packages.props), so NU1603 still fails them.
dotnet build ServerlessOps.sln --no-restore -c Debug -warnaserror -warnnotaserror:NU1603
status=0
dotnet test --solution ServerlessOps.sln --no-build -c Debug \
  --results-directory "$results" --timeout 30m || status=$?

# Totals from the TRX files (one per project, named after it: tests/Directory.Build.props), not from console
# text: one UnitTestResult per test.
python3 - "$results" tests/*/*.Tests.csproj <<'PY' || status=1
import glob, os, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = missing = 0
failures = []
# A project without results (crashed, or its report lost) counts as one failure, so it cannot pass unseen.
for project in sys.argv[2:]:
    name = os.path.basename(project)[: -len(".csproj")]
    if not glob.glob(f"{sys.argv[1]}/**/{name}.trx", recursive=True):
        print(f"no test results from {name}")
        missing += 1
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        outcome = result.get("outcome")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Skipped"):
            skipped += 1
        else:
            failed += 1
            failures.append((result.get("testName"), result.find("t:Output/t:ErrorInfo", ns)))
# CI keeps only the tail of the console, so each failure's name, message and the top of its stack go last, just
# before the totals, where they survive the cut.
for name, error in failures[:10]:
    print(f"FAILED {name}")
    for tag, keep in (("Message", 20), ("StackTrace", 12)):
        text = error.findtext(f"t:{tag}", "", ns) if error is not None else ""
        for line in text.strip().splitlines()[:keep]:
            print(f"    {line}")
print(f"{skipped} skipped")
print(f"{passed} passed, {failed + missing} failed")
sys.exit(1 if missing else 0)
PY
exit $status
