using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Functions.CustomHandler;
using ServerlessOps.Functions.Durable;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.CustomHandler;

/// <summary>
/// The catalog (what function.json declares to the Functions host) against what the running app really serves,
/// both ways, so a route or trigger added on one side only fails here rather than in Azure.
/// </summary>
public sealed class FunctionCatalogTests(FunctionAppFixture fixture)
{
    /// <summary>The custom-handler route for non-HTTP triggers; the host calls it, no function.json declares it.</summary>
    private const string TriggerRoute = "{functionName}";

    [Fact]
    public async Task FunctionCatalog_HttpDescriptors_MatchTheAppsEndpointsBothWays()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var endpoints = Endpoints(app.Services);
        var http = FunctionCatalog.All.Where(d => d.Trigger == FunctionTrigger.Http).ToList();

        foreach (var descriptor in http)
        {
            var served = endpoints.Where(e => Covers(descriptor, e.Route)).ToList();
            Assert.True(served.Count > 0, $"{descriptor.Name} declares route '{descriptor.Route}', which the app does not serve. Served: {string.Join(", ", endpoints.Select(e => e.Route))}");
            Assert.All(served, e => Assert.Subset(descriptor.Methods!.Select(m => m.ToUpperInvariant()).ToHashSet(), e.Methods));
        }

        foreach (var endpoint in endpoints.Where(e => e.Route != TriggerRoute))
        {
            var declaredBy = http.FirstOrDefault(d => Covers(d, endpoint.Route));
            Assert.True(declaredBy is not null, $"The app serves '{endpoint.Route}' but no function.json (FunctionCatalog entry) forwards it.");
            Assert.Subset(declaredBy.Methods!.Select(m => m.ToUpperInvariant()).ToHashSet(), endpoint.Methods);
        }
    }

    [Fact]
    public async Task FunctionCatalog_QueueAndTimerFunctions_MatchTheRegisteredFunctionsBothWays()
    {
        // The catalog states the deployed queue names, so run on those rather than on per-test ones.
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff(new Dictionary<string, string>
        {
            ["Ingestion:QueueName"] = "webhook-deliveries",
            ["Durable:TaskHubName"] = DurableHosting.TaskHubName,
        }));
        var queues = app.Services.GetServices<IQueueFunction>().ToList();
        var timers = app.Services.GetServices<ITimerFunction>().ToList();

        foreach (var function in queues)
        {
            var descriptor = Assert.Single(FunctionCatalog.All, d => d.Name == function.Name);
            Assert.Equal(FunctionTrigger.Queue, descriptor.Trigger);
            Assert.Equal(function.QueueName, descriptor.QueueName);
        }

        foreach (var function in timers)
        {
            var descriptor = Assert.Single(FunctionCatalog.All, d => d.Name == function.Name);
            Assert.Equal(FunctionTrigger.Timer, descriptor.Trigger);
            Assert.Equal(function.Schedule, descriptor.Schedule);
        }

        Assert.Equal(
            FunctionCatalog.All.Where(d => d.Trigger != FunctionTrigger.Http).Select(d => d.Name).Order(),
            queues.Select(f => f.Name).Concat(timers.Select(f => f.Name)).Order());
    }

    private static bool Covers(FunctionDescriptor descriptor, string route)
    {
        var declared = descriptor.Route!.Trim('/');
        const string catchAll = "/{*rest}";
        return declared.EndsWith(catchAll, StringComparison.Ordinal)
            ? route.StartsWith(declared[..^catchAll.Length] + "/", StringComparison.OrdinalIgnoreCase)
            : string.Equals(declared, route, StringComparison.OrdinalIgnoreCase);
    }

    private static List<(string Route, ISet<string> Methods)> Endpoints(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (
                Route: e.RoutePattern.RawText!.Trim('/'),
                Methods: (ISet<string>)(e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Select(m => m.ToUpperInvariant()).ToHashSet() ?? [])))];
}
