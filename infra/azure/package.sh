#!/usr/bin/env bash
# Builds the deployment package Azure Functions runs for the custom handler:
#   <root>/host.json                  customHandler.description.defaultExecutablePath names the executable
#   <root>/ServerlessOps.Functions    self-contained linux-x64 executable (+ its runtime files)
#   <root>/<FunctionName>/function.json   one folder per function, copied from Bindings/<FunctionName>/
# then checks that layout and zips it, keeping the executable bit, to artifacts/package/serverlessops-functions.zip.
#
# Usage: infra/azure/package.sh [--project path/to/ServerlessOps.Functions.csproj] [--output path.zip]
# Deploy: az functionapp deployment source config-zip -g <rg> -n <app> --src artifacts/package/serverlessops-functions.zip
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
project="$root/functions/ServerlessOps.Functions/ServerlessOps.Functions.csproj"
zip_path="$root/artifacts/package/serverlessops-functions.zip"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --project) project="$(realpath "$2")"; shift 2 ;;
    --output) zip_path="$(realpath -m "$2")"; shift 2 ;;
    *) echo "package.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
project_dir="$(dirname "$project")"
staging="$(dirname "$zip_path")/staging"
rm -rf "$staging"
mkdir -p "$staging"

echo "package: publishing $(realpath --relative-to="$root" "$project" 2>/dev/null || echo "$project") (Release, linux-x64, self-contained)"
dotnet publish "$project" -c Release -r linux-x64 --self-contained true -o "$staging" -nologo -v quiet \
  -p:PublishReadyToRun=false -p:GenerateDocumentationFile=false

# local settings are for func/standalone runs only; they never ship. The Web SDK also publishes the
# source copies under Bindings/ (as content); the host reads only <root>/<Name>/function.json.
rm -f "$staging/local.settings.json" "$staging/local.settings.sample.json"
rm -rf "$staging/Bindings"

python3 - "$staging" "$project_dir" "$zip_path" <<'PY'
import json, os, stat, sys, zipfile

staging, project_dir, zip_path = sys.argv[1:4]
errors = []

def fail(message):
    errors.append(message)

host_path = os.path.join(staging, "host.json")
if not os.path.isfile(host_path):
    sys.exit("package: host.json is not at the package root")
with open(host_path, encoding="utf-8") as f:
    host = json.load(f)

if host.get("version") != "2.0":
    fail('host.json: "version" must be "2.0"')
handler = host.get("customHandler") or {}
executable = (handler.get("description") or {}).get("defaultExecutablePath")
if not executable:
    fail("host.json: customHandler.description.defaultExecutablePath is missing")
else:
    exe_path = os.path.join(staging, executable)
    if not os.path.isfile(exe_path):
        fail(f"host.json names '{executable}', which is not at the package root")
    elif not os.stat(exe_path).st_mode & stat.S_IXUSR:
        fail(f"'{executable}' is not executable")
if handler.get("enableForwardingHttpRequest") is not True:
    fail("host.json: customHandler.enableForwardingHttpRequest must be true")
if "extensionBundle" not in host:
    fail("host.json: extensionBundle is missing (queue and timer triggers need it)")

# Every source binding must arrive as <root>/<Name>/function.json, unchanged.
bindings_dir = os.path.join(project_dir, "Bindings")
expected = sorted(
    name for name in (os.listdir(bindings_dir) if os.path.isdir(bindings_dir) else [])
    if os.path.isfile(os.path.join(bindings_dir, name, "function.json")))
present = sorted(
    name for name in os.listdir(staging)
    if os.path.isfile(os.path.join(staging, name, "function.json")))
if not expected:
    fail(f"no Bindings/<Name>/function.json in {project_dir}: the package would have no functions")
for name in expected:
    packaged = os.path.join(staging, name, "function.json")
    if not os.path.isfile(packaged):
        fail(f"{name}/function.json is missing from the package root")
        continue
    with open(os.path.join(bindings_dir, name, "function.json"), "rb") as a, open(packaged, "rb") as b:
        if a.read() != b.read():
            fail(f"{name}/function.json in the package differs from Bindings/{name}/function.json")
    with open(packaged, encoding="utf-8") as f:
        bindings = json.load(f).get("bindings", [])
    triggers = [b for b in bindings if str(b.get("type", "")).endswith("Trigger")]
    if len(triggers) != 1:
        fail(f"{name}/function.json has {len(triggers)} triggers; exactly one is required")
for name in sorted(set(present) - set(expected)):
    fail(f"{name}/function.json is in the package but not in Bindings/")

if errors:
    for e in errors:
        print(f"package: {e}", file=sys.stderr)
    sys.exit(1)

# Zip with each file's Unix mode in external_attr, so the executable stays executable when the
# platform unpacks it. Sorted entries and a fixed timestamp keep the archive reproducible.
os.makedirs(os.path.dirname(zip_path), exist_ok=True)
tmp = zip_path + ".tmp"
count = 0
with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    for dirpath, dirnames, filenames in os.walk(staging):
        dirnames.sort()
        for filename in sorted(filenames):
            full = os.path.join(dirpath, filename)
            rel = os.path.relpath(full, staging).replace(os.sep, "/")
            info = zipfile.ZipInfo(rel, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so external_attr carries the mode
            info.external_attr = (stat.S_IMODE(os.stat(full).st_mode) | stat.S_IFREG) << 16
            with open(full, "rb") as f:
                z.writestr(info, f.read())
            count += 1
os.replace(tmp, zip_path)
size = os.path.getsize(zip_path)
print(f"package: {len(expected)} functions ({', '.join(expected)}), executable '{executable}', "
      f"{count} files, {size / 1048576:.1f} MiB -> {zip_path}")
PY
