using System.Text.Json.Nodes;
using ServerlessOps.Infra.Tests.Bicep;

namespace ServerlessOps.Infra.Tests.Bindings;

/// <summary>
/// Every function.json the package ships against the app's FunctionCatalog (both directions: a binding with no
/// handler, or a handler with no binding, fails here rather than after a deployment) and against the template.
/// </summary>
public sealed class FunctionBindingTests(BicepFixture bicep)
{
    private static readonly IReadOnlyList<FunctionJson> _functions = FunctionApp.Functions();

    [Fact]
    public void EveryFunctionJson_HasExactlyOneInboundTrigger()
    {
        RequireFunctions();
        foreach (var function in _functions)
        {
            var trigger = Assert.Single(function.Triggers);
            Assert.Equal("in", (string?)trigger["direction"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)trigger["name"]), $"{function.Name}: the trigger has no name.");
        }
    }

    [Fact]
    public void HttpFunctions_HaveOnlyTheTriggerAndAnHttpOutput_AsRequestForwardingNeeds()
    {
        RequireFunctions();
        foreach (var function in _functions.Where(f => f.TriggerType == "httpTrigger"))
        {
            Assert.True(function.Bindings.Count == 2, $"{function.Name}: request forwarding allows only httpTrigger + http output.");
            var output = function.Bindings.Single(b => (string?)b["type"] == "http");
            Assert.Equal("out", (string?)output["direction"]);
            var trigger = function.Triggers.Single();
            Assert.False(string.IsNullOrWhiteSpace((string?)trigger["route"]), $"{function.Name}: no route.");
            Assert.NotEmpty(trigger["methods"]!.AsArray());
        }
    }

    [Fact]
    public void QueueTriggers_UseTheStorageConnection_OnQueuesTheTemplateCreates()
    {
        RequireFunctions();
        var queues = bicep.Dev.NamesOf("Microsoft.Storage/storageAccounts/queueServices/queues");
        foreach (var function in _functions.Where(f => f.TriggerType == "queueTrigger"))
        {
            var trigger = function.Triggers.Single();
            Assert.Equal("Storage", (string?)trigger["connection"]);
            var queue = ResolveAppSetting((string)trigger["queueName"]!);
            Assert.True(queues.Contains(queue),
                $"{function.Name} listens on '{queue}', which the template does not create (it creates {string.Join(", ", queues)}). " +
                $"Durable queues are named after Durable__TaskHubName = '{bicep.Dev.AppSettings["Durable__TaskHubName"]}' (main.bicep taskHubName).");
        }
    }

    [Fact]
    public void PoisonDeliveries_AreWatched()
    {
        RequireFunctions();
        var watched = _functions.Where(f => f.TriggerType == "queueTrigger")
            .Select(f => ResolveAppSetting((string)f.Triggers.Single()["queueName"]!)).ToList();
        var ingestion = bicep.Dev.AppSettings["Ingestion__QueueName"];
        Assert.Contains(ingestion, watched);
        Assert.Contains(ingestion + "-poison", watched);
    }

    [Fact]
    public void TimerTriggers_HaveSixFieldNcrontabSchedules()
    {
        RequireFunctions();
        foreach (var function in _functions.Where(f => f.TriggerType == "timerTrigger"))
        {
            var schedule = (string)function.Triggers.Single()["schedule"]!;
            Assert.True(schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6, $"{function.Name}: '{schedule}' is not {{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}.");
        }
    }

    [Fact]
    public void WebhookFunctions_ServeTheUrlsTheTemplateOutputs()
    {
        RequireFunctions();
        var host = FunctionApp.HostJson();
        if (host is null)
        {
            Assert.Skip("functions/ServerlessOps.Functions/host.json not present yet");
        }

        var prefix = FunctionApp.RoutePrefix(host);
        foreach (var (name, path) in WebhookPaths.ByFunctionName)
        {
            var function = _functions.SingleOrDefault(f => f.Name == name);
            Assert.True(function is not null, $"Bindings/{name}/function.json is missing.");
            var route = ((string)function.Triggers.Single()["route"]!).Trim('/');
            Assert.Equal(path, "/" + string.Join('/', new[] { prefix, route }.Where(s => s.Length > 0)));
            Assert.Equal(["post"], function.Triggers.Single()["methods"]!.AsArray().Select(m => ((string)m!).ToLowerInvariant()));
            Assert.Equal("anonymous", (string?)function.Triggers.Single()["authLevel"]);
        }
    }

    [Fact]
    public void Catalog_AndFunctionJsonFiles_NameTheSameFunctions()
    {
        var catalog = RequireCatalog();
        var inCatalog = catalog.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var inBindings = _functions.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var noBinding = inCatalog.Except(inBindings).Order().ToList();
        var noHandler = inBindings.Except(inCatalog).Order().ToList();
        Assert.True(noBinding.Count == 0 && noHandler.Count == 0,
            $"In FunctionCatalog without Bindings/<Name>/function.json: [{string.Join(", ", noBinding)}]; " +
            $"function.json without a FunctionCatalog entry: [{string.Join(", ", noHandler)}].");
    }

    [Fact]
    public void Catalog_AndFunctionJson_AgreeOnTriggerRouteMethodsQueueAndSchedule()
    {
        var catalog = RequireCatalog();
        var problems = new List<string>();
        foreach (var entry in catalog)
        {
            var function = _functions.SingleOrDefault(f => f.Name == entry.Name);
            if (function is null || function.Triggers.Count != 1)
            {
                continue; // Reported by the name and single-trigger tests.
            }

            var trigger = function.Triggers.Single();
            var expectedType = entry.Trigger.ToLowerInvariant() + "Trigger";
            if (!string.Equals(function.TriggerType, expectedType, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{entry.Name}: catalog says {entry.Trigger}, function.json has {function.TriggerType}.");
                continue;
            }

            switch (entry.Trigger)
            {
                case "Http":
                    Compare(entry.Name, "route", entry.Route?.Trim('/'), ((string?)trigger["route"])?.Trim('/'), problems);
                    var methods = trigger["methods"]?.AsArray().Select(m => ((string)m!).ToLowerInvariant()).Order().ToList() ?? [];
                    var expected = entry.Methods.Select(m => m.ToLowerInvariant()).Order().ToList();
                    if (!methods.SequenceEqual(expected))
                    {
                        problems.Add($"{entry.Name}: methods [{string.Join(',', expected)}] in the catalog, [{string.Join(',', methods)}] in function.json.");
                    }

                    break;
                case "Queue":
                    Compare(entry.Name, "queueName", entry.QueueName, (string?)trigger["queueName"], problems);
                    break;
                case "Timer":
                    Compare(entry.Name, "schedule", entry.Schedule, (string?)trigger["schedule"], problems);
                    break;
                default:
                    problems.Add($"{entry.Name}: unknown trigger kind {entry.Trigger}.");
                    break;
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static void Compare(string function, string what, string? inCatalog, string? inFunctionJson, List<string> problems)
    {
        if (!string.Equals(inCatalog, inFunctionJson, StringComparison.Ordinal))
        {
            problems.Add($"{function}: {what} '{inCatalog}' in the catalog, '{inFunctionJson}' in function.json.");
        }
    }

    private static void RequireFunctions()
    {
        if (_functions.Count == 0)
        {
            Assert.Skip("functions/ServerlessOps.Functions/Bindings has no function.json yet");
        }
    }

    private static IReadOnlyList<CatalogEntry> RequireCatalog()
    {
        RequireFunctions();
        var catalog = FunctionApp.Catalog();
        if (catalog is null)
        {
            Assert.Skip("FunctionCatalog not present yet");
        }

        return catalog;
    }

    // A binding expression %Name% takes its value from the app setting Name.
    private string ResolveAppSetting(string value) =>
        value.Length > 2 && value.StartsWith('%') && value.EndsWith('%')
            ? bicep.Dev.AppSettings[value[1..^1]]
            : value;
}
