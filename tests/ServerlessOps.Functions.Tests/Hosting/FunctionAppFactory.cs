using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServerlessOps.Functions.Hosting;
using ServerlessOps.Functions.Local;

namespace ServerlessOps.Functions.Tests.Hosting;

/// <summary>
/// The function app in process on a TestServer, configured only by the given settings. They are applied with
/// <c>UseSetting</c> (host configuration) because Program reads configuration while it builds the app, before
/// any ConfigureAppConfiguration callback would run. A developer's local.settings.json is never read.
/// </summary>
public sealed class FunctionAppFactory : WebApplicationFactory<Program>
{
    /// <summary>A path that never exists, so <see cref="LocalSettings"/> adds nothing.</summary>
    public const string NoSettingsFile = "/nonexistent/serverlessops-tests/local.settings.json";

    public FunctionAppFactory(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
    }

    /// <summary>The settings the app runs on (also usable for a <see cref="Testing.LocalStack.FunctionAppProcess"/> on the same stores).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Services a test adds after the app's own (e.g. a probe orchestrator); set before first use.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting(StandaloneHost.SettingsFileKey, NoSettingsFile);

        // Every log record is kept in memory (Services.GetFakeLogCollector()) for "never logged" assertions.
        builder.ConfigureLogging(logging => logging.AddFakeLogging());
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (TestServices is { } testServices)
        {
            builder.ConfigureTestServices(testServices);
        }
    }

    /// <summary>
    /// Hands the app over once its edge has warmed up, as <see cref="Testing.LocalStack.FunctionAppProcess"/> does by
    /// waiting for /api/health: a test's first request never meets the "warming up" answer.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        host.Services.GetRequiredService<EdgeWarmUp>().WhenWarm.WaitAsync(EdgeWarmUp.Limit * 2).GetAwaiter().GetResult();
        return host;
    }
}
