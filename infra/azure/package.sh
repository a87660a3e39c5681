#!/usr/bin/env bash
# Builds the deployment package of the isolated-worker function app: the publish output of
# functions/ServerlessOps.Functions, whose root the Functions host on Flex Consumption loads:
#   host.json               host and Durable extension configuration
#   functions.metadata      every function with its trigger and bindings (written by the Worker SDK)
#   worker.config.json      how the host starts the worker: dotnet ServerlessOps.Functions.dll
#   extensions.json, .azurefunctions/   the host-side extensions (Durable, DurableTask.AzureStorage, queues)
#   ServerlessOps.Functions.dll and its dependencies
# then checks that layout and zips it to artifacts/package/serverlessops-functions.zip.
#
# Framework-dependent for linux-x64: Flex Consumption runs dotnet-isolated apps on Linux x64 with the platform's
# .NET 10 (patched by the platform, so nothing self-contained); the runtime identifier keeps only the Linux x64
# native libraries (Cosmos DB query interop) at the root instead of a runtimes/ tree for every OS, a quarter less
# to download at each cold start.
#
# Usage: infra/azure/package.sh [--project path/to/ServerlessOps.Functions.csproj] [--output path.zip]
#        infra/azure/package.sh --check <publish-dir>    only check an existing publish folder (the tests use it)
# Deploy: az functionapp deployment source config-zip -g <rg> -n <app> --src artifacts/package/serverlessops-functions.zip
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
project="$root/functions/ServerlessOps.Functions/ServerlessOps.Functions.csproj"
zip_path="$root/artifacts/package/serverlessops-functions.zip"
check_only=""

while [[ $# -gt 0 ]]; do
  case "$1" in
    --project) project="$(realpath "$2")"; shift 2 ;;
    --output) zip_path="$(realpath -m "$2")"; shift 2 ;;
    --check) check_only="$(realpath "$2")"; shift 2 ;;
    *) echo "package.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

# Checks a publish folder; prints every problem and exits 1 if there is any.
check_layout() {
  python3 - "$1" <<'PY'
import json, os, sys

staging = sys.argv[1]
errors = []
fail = errors.append
assembly = "ServerlessOps.Functions.dll"
# The marketplaces' webhook URLs (infra/azure/settings.bicep webhookPaths); host.json routePrefix is "".
webhooks = {
    "ShopifyWebhook": "api/webhooks/shopify",
    "AmazonWebhook": "api/webhooks/amazon",
    "WalmartWebhook": "api/webhooks/walmart",
    "TikTokShopWebhook": "api/webhooks/tiktok",
}

def load(name):
    path = os.path.join(staging, name)
    if not os.path.isfile(path):
        fail(f"{name} is not at the package root")
        return None
    try:
        with open(path, encoding="utf-8-sig") as f:
            return json.load(f)
    except ValueError as e:
        fail(f"{name} is not valid JSON: {e}")
        return None

host = load("host.json")
if isinstance(host, dict):
    if host.get("version") != "2.0":
        fail('host.json: "version" must be "2.0"')
    if "customHandler" in host:
        fail("host.json: customHandler is left over from the custom handler; the isolated worker needs none")
    if "extensionBundle" in host:
        fail("host.json: extensionBundle must go: the isolated worker brings its extensions in .azurefunctions/")

if not os.path.isfile(os.path.join(staging, assembly)):
    fail(f"{assembly} is not at the package root")

worker = load("worker.config.json")
if isinstance(worker, dict):
    description = worker.get("description") or {}
    if description.get("language") != "dotnet-isolated":
        fail(f"worker.config.json: language is {description.get('language')!r}, not 'dotnet-isolated'")
    if description.get("defaultWorkerPath") != assembly:
        fail(f"worker.config.json: defaultWorkerPath is {description.get('defaultWorkerPath')!r}, not {assembly!r}")

functions = load("functions.metadata")
if functions is not None:
    if not isinstance(functions, list) or not functions:
        fail("functions.metadata lists no function")
        functions = []
    by_name = {f.get("name"): f for f in functions if isinstance(f, dict)}
    for name, route in webhooks.items():
        function = by_name.get(name)
        if function is None:
            fail(f"functions.metadata has no {name} (the marketplaces post to /{route})")
            continue
        triggers = [b for b in function.get("bindings", []) if str(b.get("type", "")).lower() == "httptrigger"]
        if len(triggers) != 1 or triggers[0].get("route", "").strip("/") != route \
                or [m.lower() for m in triggers[0].get("methods", [])] != ["post"]:
            fail(f"functions.metadata: {name} must be one POST httpTrigger on route {route!r}")
    for function in functions:
        script = function.get("scriptFile")
        if script and not os.path.isfile(os.path.join(staging, script)):
            fail(f"functions.metadata: {function.get('name')} names scriptFile {script!r}, which is not in the package")

extensions = load("extensions.json")
if isinstance(extensions, dict):
    entries = extensions.get("extensions") or []
    for entry in entries:
        hint = (entry.get("hintPath") or "").replace("\\", "/")
        if hint and not os.path.isfile(os.path.join(staging, hint)):
            fail(f"extensions.json: {entry.get('name')} points to {hint}, which is not in the package")
    if not any("DurableTask" in (e.get("typeName") or "") for e in entries):
        fail("extensions.json does not load the Durable Functions extension: the Worker SDK packs an extension only "
             "when a function uses its bindings, so no [OrchestrationTrigger], [ActivityTrigger] or [DurableClient] was found")
extension_dir = os.path.join(staging, ".azurefunctions")
for dll in ("Microsoft.Azure.WebJobs.Extensions.DurableTask.dll", "DurableTask.AzureStorage.dll"):
    if not os.path.isfile(os.path.join(extension_dir, dll)):
        fail(f".azurefunctions/{dll} is missing: the host could not run the Durable extension on Azure Storage")

for dirpath, dirnames, filenames in os.walk(staging):
    rel = os.path.relpath(dirpath, staging)
    for name in filenames:
        if name.startswith("local.settings") and name.endswith(".json"):
            fail(f"{os.path.join(rel, name)} must not ship: local settings hold local keys")
        if name == "function.json":
            fail(f"{os.path.join(rel, name)}: a custom-handler binding; the worker's functions.metadata replaces them")
    if "Bindings" in dirnames and rel == ".":
        fail("Bindings/ is left over from the custom handler")

if errors:
    for e in errors:
        print(f"package: {e}", file=sys.stderr)
    sys.exit(1)
print(f"package: layout ok ({len(functions)} functions: {', '.join(sorted(f.get('name', '?') for f in functions))})")
PY
}

if [[ -n "$check_only" ]]; then
  check_layout "$check_only"
  exit 0
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
staging="$(dirname "$zip_path")/staging"
rm -rf "$staging"
mkdir -p "$staging"

# ReadyToRun: the app and its packages ship precompiled, so a new instance does not spend its first seconds in the JIT.
# Measured with the ingest benchmark (500 webhooks/s at an idle app): first-second p99 69-89 ms instead of 98-192 ms.
echo "package: publishing $(realpath --relative-to="$root" "$project" 2>/dev/null || echo "$project") (Release, linux-x64, framework-dependent, ReadyToRun)"
dotnet publish "$project" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$staging" -nologo -v quiet

# Local settings are for local runs only; the project never publishes them, this makes sure.
rm -f "$staging"/local.settings*.json

check_layout "$staging"

python3 - "$staging" "$zip_path" <<'PY'
import os, stat, sys, zipfile

staging, zip_path = sys.argv[1:3]
# Sorted entries and a fixed timestamp keep the archive reproducible; Unix modes are kept in external_attr.
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
print(f"package: {count} files, {os.path.getsize(zip_path) / 1048576:.1f} MiB -> {zip_path}")
PY
