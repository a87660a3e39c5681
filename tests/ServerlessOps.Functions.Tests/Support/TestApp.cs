using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.Scenarios;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Support;

/// <summary>One test's app (fresh run id: its own container, queues and database) and a client for it.</summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(FunctionAppFactory factory, string runId)
    {
        Factory = factory;
        RunId = runId;
        Client = new AppClient(factory.CreateClient());
    }

    public FunctionAppFactory Factory { get; }

    public string RunId { get; }

    public AppClient Client { get; }

    public IServiceProvider Services => Factory.Services;

    public static TestApp Start(
        FunctionAppFixture fixture,
        IReadOnlyDictionary<string, string>? overrides = null,
        ScenarioAccounts? accounts = null,
        Marketplace? marketplace = null,
        Action<IServiceCollection>? testServices = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var runId = LocalStackSettings.NewRunId();
        var settings = fixture.CreateApp(runId, accounts, overrides, marketplace).Settings;
        return new TestApp(new FunctionAppFactory(settings) { TestServices = testServices }, runId);
    }

    /// <summary>Settings that stop the app from polling its own queues (tests that drive processing by hand).</summary>
    public static Dictionary<string, string> TriggersOff(IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string> { [ServerlessOps.Functions.Local.StandaloneTriggers.RunTriggersKey] = "false" };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
