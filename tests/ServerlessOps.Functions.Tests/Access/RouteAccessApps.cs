using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Access;

/// <summary>
/// The two apps <see cref="RouteAccessTests"/> sends its requests to, started once for the class: one that knows only
/// API keys and one behind App Service authentication. Every request there is refused before a handler runs or only
/// reads, so the cases cannot disturb each other; an app per case cost ~3.7 s each, 184 cases in 11 minutes, the test
/// run's longest class by far.
/// </summary>
public sealed class RouteAccessApps : IAsyncDisposable
{
    public const string FinanceAcmeKey = "finance-acme-key-0000000000000000";
    public const string OperationsAcmeKey = "operations-acme-key-000000000000000";
    public const string EveryRoleGlobexKey = "every-role-globex-key-0000000000000";
    public const string EntraGroup = "6f1c1a55-0a3e-4c5e-9d53-8d7a1f2b4c11";

    /// <summary>Builds both apps; each starts on its first request (nothing here touches the stores).</summary>
    public RouteAccessApps(FunctionAppFixture fixture)
    {
        WithApiKeys = Start(fixture);
        BehindPlatformAuthentication = Start(fixture, new() { ["WEBSITE_AUTH_ENABLED"] = "True" });
    }

    /// <summary>API keys only: App Service authentication is off, so its principal header is not trusted.</summary>
    public TestApp WithApiKeys { get; }

    /// <summary>The same keys and principals, with App Service authentication on (WEBSITE_AUTH_ENABLED).</summary>
    public TestApp BehindPlatformAuthentication { get; }

    public async ValueTask DisposeAsync()
    {
        await WithApiKeys.DisposeAsync();
        await BehindPlatformAuthentication.DisposeAsync();
    }

    private static TestApp Start(FunctionAppFixture fixture, Dictionary<string, string>? more = null)
    {
        var settings = TestApiKey.Settings(
            new("finance-acme", FinanceAcmeKey, "finance", "acme"),
            new("operations-acme", OperationsAcmeKey, "operations", "acme"),
            new("every-role-globex", EveryRoleGlobexKey, "operations,finance,admin", "globex"));
        settings["Access:Principals:0:ObjectId"] = EntraGroup;
        settings["Access:Principals:0:Brands"] = "acme";
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return TestApp.Start(fixture, TestApp.TriggersOff(settings));
    }
}
