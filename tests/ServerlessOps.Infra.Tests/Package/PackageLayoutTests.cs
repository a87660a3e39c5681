using System.Diagnostics;
using System.Text.Json.Nodes;
using ServerlessOps.Infra.Tests.Bicep;

namespace ServerlessOps.Infra.Tests.Package;

/// <summary>
/// The publish output is what Flex Consumption runs for dotnet-isolated, checked by package.sh's own layout check
/// (so CI's package step and these tests apply one definition), and its functions agree with the template.
/// </summary>
public sealed class PackageLayoutTests(PublishedApp app, BicepFixture bicep)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishOutput_PassesPackageShLayoutCheck()
    {
        var (exitCode, output) = await CheckAsync(app.Directory);

        Assert.True(exitCode == 0, $"package.sh --check failed on the publish output:\n{output}");
        Assert.Contains("layout ok", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LayoutCheck_BrokenPackage_FailsNamingEachProblem()
    {
        var broken = Path.Combine(Path.GetTempPath(), "serverlessops-broken-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(broken);
        try
        {
            File.WriteAllText(Path.Combine(broken, "host.json"), """{ "version": "2.0", "customHandler": {} }""");
            File.WriteAllText(Path.Combine(broken, "worker.config.json"), """{ "description": { "language": "dotnet-isolated", "defaultWorkerPath": "Other.dll" } }""");
            var functions = app.Functions.Where(f => (string?)f["name"] != "TikTokShopWebhook").Select(f => f.DeepClone()).ToArray();
            File.WriteAllText(Path.Combine(broken, "functions.metadata"), new JsonArray(functions).ToJsonString());
            File.WriteAllText(Path.Combine(broken, "local.settings.json"), "{}");

            var (exitCode, output) = await CheckAsync(broken);

            Assert.Equal(1, exitCode);
            foreach (var expected in new[]
            {
                "host.json: customHandler is left over",
                "ServerlessOps.Functions.dll is not at the package root",
                "worker.config.json: defaultWorkerPath is 'Other.dll'",
                "functions.metadata has no TikTokShopWebhook",
                "extensions.json is not at the package root",
                ".azurefunctions/DurableTask.AzureStorage.dll is missing",
                "local.settings.json must not ship",
            })
            {
                Assert.Contains(expected, output, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(broken, recursive: true);
        }
    }

    [Fact]
    public void WebhookFunctions_ServeTheUrlsTheTemplateOutputs()
    {
        var prefix = ((string?)app.HostJson["extensions"]?["http"]?["routePrefix"] ?? "api").Trim('/');
        foreach (var (name, path) in WebhookPaths.ByFunctionName)
        {
            var function = app.Functions.SingleOrDefault(f => (string?)f["name"] == name);
            Assert.True(function is not null, $"functions.metadata has no {name}.");
            var trigger = Assert.Single(Triggers(function), t => (string?)t["type"] == "httpTrigger");
            var route = ((string)trigger["route"]!).Trim('/');
            Assert.Equal(path, "/" + string.Join('/', new[] { prefix, route }.Where(s => s.Length > 0)));
            Assert.Equal(["post"], trigger["methods"]!.AsArray().Select(m => ((string)m!).ToLowerInvariant()));
            // Anonymous to the host: the app checks each delivery's signature (and App Service authentication lets
            // unauthenticated requests through to it).
            Assert.Equal("anonymous", ((string?)trigger["authLevel"])?.ToLowerInvariant());
        }
    }

    [Fact]
    public void QueueTriggers_UseTheStorageConnection_OnQueuesTheTemplateCreates()
    {
        var queues = bicep.Dev.NamesOf("Microsoft.Storage/storageAccounts/queueServices/queues");
        var watched = new List<string>();
        foreach (var function in app.Functions)
        {
            foreach (var trigger in Triggers(function).Where(t => (string?)t["type"] == "queueTrigger"))
            {
                Assert.Equal("Storage", (string?)trigger["connection"]);
                var queue = ResolveAppSettings((string)trigger["queueName"]!);
                Assert.True(queues.Contains(queue), $"{function["name"]} listens on '{queue}', which the template does not create ({string.Join(", ", queues)}).");
                watched.Add(queue);
            }
        }

        var ingestion = bicep.Dev.AppSettings["Ingestion__QueueName"];
        Assert.Contains(ingestion, watched);
        Assert.Contains(ingestion + "-poison", watched);
    }

    [Fact]
    public void NoFunctionNeedsAFunctionKey()
    {
        // Function keys carry neither role nor brand (issue 14 item 6): every HTTP function is anonymous to the host
        // and authorised by the app.
        var keyed = app.Functions
            .Where(f => Triggers(f).Any(t => (string?)t["type"] == "httpTrigger" && !string.Equals((string?)t["authLevel"], "anonymous", StringComparison.OrdinalIgnoreCase)))
            .Select(f => (string?)f["name"])
            .ToList();
        Assert.True(keyed.Count == 0, "HTTP functions that need a function key: " + string.Join(", ", keyed));
    }

    private static IEnumerable<JsonObject> Triggers(JsonObject function) =>
        function["bindings"]!.AsArray().Select(b => b!.AsObject())
            .Where(b => ((string?)b["type"] ?? "").EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));

    // %Name% takes its value from the app setting Name (':' and '__' are the same separator to the host).
    private string ResolveAppSettings(string value) =>
        System.Text.RegularExpressions.Regex.Replace(value, "%(?<name>[^%]+)%", m => bicep.Dev.AppSettings[m.Groups["name"].Value.Replace(":", "__", StringComparison.Ordinal)]);

    private static Task<(int ExitCode, string Output)> CheckAsync(string directory)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(BicepFixture.InfraDirectory, "package.sh"));
        start.ArgumentList.Add("--check");
        start.ArgumentList.Add(directory);
        return PublishedApp.Run(start, Token);
    }
}
