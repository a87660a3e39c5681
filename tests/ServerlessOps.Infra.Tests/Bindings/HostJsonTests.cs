using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ServerlessOps.Infra.Tests.Bicep;

namespace ServerlessOps.Infra.Tests.Bindings;

/// <summary>host.json as infra/azure/README.md ("host.json") explains it.</summary>
public sealed partial class HostJsonTests(BicepFixture bicep)
{
    [Fact]
    public void CustomHandler_StartsTheAppExecutable_AndForwardsHttpRequests()
    {
        var host = RequireHostJson();
        Assert.Equal("2.0", (string?)host["version"]);
        var executable = (string?)host["customHandler"]?["description"]?["defaultExecutablePath"];
        var project = XDocument.Load(Path.Combine(FunctionApp.ProjectDirectory, "ServerlessOps.Functions.csproj"));
        var assemblyName = project.Descendants("AssemblyName").Select(e => e.Value).SingleOrDefault() ?? "ServerlessOps.Functions";
        Assert.Equal(assemblyName, executable);
        Assert.DoesNotContain(project.Descendants("UseAppHost"), e => e.Value.Equals("false", StringComparison.OrdinalIgnoreCase));
        Assert.True((bool?)host["customHandler"]!["enableForwardingHttpRequest"] == true);
    }

    [Fact]
    public void ExtensionBundle_IsVersion4()
    {
        var bundle = RequireHostJson()["extensionBundle"];
        Assert.NotNull(bundle);
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", (string?)bundle["id"]);
        Assert.Equal("[4.*, 5.0.0)", (string?)bundle["version"]);
    }

    [Fact]
    public void Queues_PoisonAfterTheIngestionMaxDequeueCount()
    {
        var queues = RequireHostJson()["extensions"]?["queues"];
        Assert.NotNull(queues);
        Assert.Equal(int.Parse(bicep.Dev.AppSettings["Ingestion__MaxDequeueCount"], System.Globalization.CultureInfo.InvariantCulture), (int?)queues["maxDequeueCount"]);
        Assert.Equal(16, (int?)queues["batchSize"]);
        Assert.Equal(8, (int?)queues["newBatchThreshold"]);
        Assert.Equal("00:00:30", (string?)queues["visibilityTimeout"]);
    }

    [Fact]
    public void FunctionTimeout_AndLogging_AreSet()
    {
        var host = RequireHostJson();
        Assert.Equal("00:10:00", (string?)host["functionTimeout"]);
        var logLevel = host["logging"]?["logLevel"];
        Assert.NotNull(logLevel);
        Assert.Equal("Information", (string?)logLevel["default"]);
        Assert.Equal("Error", (string?)logLevel["Host.Results"]);
        Assert.Equal("Request", (string?)host["logging"]?["applicationInsights"]?["samplingSettings"]?["excludedTypes"]);
    }

    [Fact]
    public void EverySetting_IsExplainedInTheReadme()
    {
        var host = RequireHostJson();
        var readme = File.ReadAllLines(Path.Combine(BicepFixture.InfraDirectory, "README.md"))
            .SkipWhile(line => line != "## host.json")
            .Select(line => HostTableRow().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups["path"].Value)
            .ToList();

        // A row explains a setting when it names it or one of its parents (e.g. extensionBundle covers .id).
        var unexplained = LeafPaths(host, "")
            .Where(path => !readme.Any(row => path == row || path.StartsWith(row + ".", StringComparison.Ordinal)))
            .ToList();
        Assert.True(unexplained.Count == 0, "host.json settings missing from the README's host.json table: " + string.Join(", ", unexplained));
    }

    private static IEnumerable<string> LeafPaths(JsonNode? node, string path) => node switch
    {
        JsonObject obj when obj.Count > 0 => obj.SelectMany(p => LeafPaths(p.Value, path.Length == 0 ? p.Key : $"{path}.{p.Key}")),
        _ => [path],
    };

    [GeneratedRegex(@"^\|\s*`(?<path>[A-Za-z0-9_.]+)`\s*\|")]
    private static partial Regex HostTableRow();

    private static JsonObject RequireHostJson()
    {
        var host = FunctionApp.HostJson();
        if (host is null)
        {
            Assert.Skip("functions/ServerlessOps.Functions/host.json not present yet");
        }

        return host;
    }
}
