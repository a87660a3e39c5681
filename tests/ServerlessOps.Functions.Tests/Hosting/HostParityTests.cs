using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Functions.Http;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Standalone.Queues;
using ServerlessOps.Standalone.Timers;
using ServerlessOps.Workflows;

namespace ServerlessOps.Functions.Tests.Hosting;

/// <summary>
/// The two hosts serve the same functions: what the Worker SDK put in functions.metadata (the Functions host in
/// Azure) against what the standalone host maps, listens to, schedules and registers. A function added to one
/// host only fails here, not in a deployment.
/// </summary>
public sealed partial class HostParityTests(FunctionAppFixture fixture)
{
    private readonly FunctionsMetadata _metadata = FunctionsMetadata.Load();

    [Fact]
    public void HttpFunctions_InFunctionsMetadata_AreTheRouteCatalogueExceptHostProvidedRoutes()
    {
        var metadata = _metadata.OfTrigger("httpTrigger").ToDictionary(f => f.Name);
        var catalogue = HttpRoutes.All.Where(r => !r.HostProvided).ToDictionary(r => r.Name);

        Assert.Equal(catalogue.Keys.Order(), metadata.Keys.Order());
        foreach (var (name, route) in catalogue)
        {
            var function = metadata[name];
            Assert.True(route.Template == function.Route, $"{name}: catalogue route '{route.Template}', [HttpTrigger] route '{function.Route}'.");
            Assert.Equal([route.Method], function.Methods);
            Assert.True(route.UsesDurableClient == function.BindsDurableClient, $"{name}: UsesDurableClient is {route.UsesDurableClient}, but the wrapper {(function.BindsDurableClient ? "binds" : "does not bind")} [DurableClient].");
        }
    }

    [Fact]
    public async Task StandaloneHost_Endpoints_AreTheRouteCatalogue()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpRoute>() is not null)
            .ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName);

        Assert.Equal(HttpRoutes.All.Select(r => r.Name).Order(), endpoints.Keys.Order());
        foreach (var route in HttpRoutes.All)
        {
            var endpoint = endpoints[route.Name];
            Assert.Equal("/" + route.Template, endpoint.RoutePattern.RawText);
            Assert.Equal([route.Method], endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods);
        }
    }

    [Fact]
    public async Task QueueFunctions_InFunctionsMetadata_AreTheStandaloneListenersOnTheSameQueues()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var metadata = _metadata.OfTrigger("queueTrigger").ToDictionary(f => f.Name, f => Resolve(f.QueueName!, configuration));
        var standalone = app.Services.GetServices<IQueueFunction>().ToDictionary(f => f.Name, f => f.QueueName);

        Assert.Equal(standalone.OrderBy(p => p.Key), metadata.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task TimerFunctions_InFunctionsMetadata_AreTheStandaloneTimersOnTheSameSchedules()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var metadata = _metadata.OfTrigger("timerTrigger").ToDictionary(f => f.Name, f => f.Schedule);
        var standalone = app.Services.GetServices<ITimerFunction>().ToDictionary(f => f.Name, f => (string?)f.Schedule);

        Assert.Equal(standalone.OrderBy(p => p.Key), metadata.OrderBy(p => p.Key));
    }

    [Fact]
    public void DurableTasks_InFunctionsMetadata_AreTheWorkflowCatalogue()
    {
        Assert.Equal(
            WorkflowCatalog.Orchestrators.Select(t => t.Name).Order(),
            _metadata.OfTrigger("orchestrationTrigger").Select(f => f.Name).Order());
        Assert.Equal(
            WorkflowCatalog.Activities.Select(t => t.Name).Order(),
            _metadata.OfTrigger("activityTrigger").Select(f => f.Name).Order());
    }

    [Fact]
    public void FunctionsMetadata_EveryTrigger_IsOneTheStandaloneHostDrives()
    {
        var known = new[] { "httpTrigger", "queueTrigger", "timerTrigger", "orchestrationTrigger", "activityTrigger" };
        Assert.All(_metadata.Functions, f => Assert.Contains(f.Trigger, known));
    }

    /// <summary>Resolves %Setting% as the Functions host does for a binding expression.</summary>
    private static string Resolve(string expression, IConfiguration configuration) =>
        SettingReference().Replace(expression, m => configuration[m.Groups[1].Value]
            ?? throw new InvalidOperationException($"The binding expression names setting '{m.Groups[1].Value}', which is not set."));

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();
}
