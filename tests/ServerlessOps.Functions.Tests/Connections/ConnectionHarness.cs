using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Tokens;
using ServerlessOps.Testing.LocalStack;
using ServerlessOps.Testing.StubMarketplace;
using Marketplace = ServerlessOps.Testing.StubMarketplace.StubMarketplace;

namespace ServerlessOps.Functions.Tests.Connections;

/// <summary>
/// Apps whose marketplace apps are the stub's (<see cref="StubApps"/>), and connections made the way an admin and a
/// merchant make them: start (admin API), approve on the stub's authorisation page, follow its redirect to our callback.
/// Tokens are refreshed 1 s before they expire and waits poll every 20 ms, so expiry fits in a test.
/// </summary>
internal sealed class ConnectionHarness : IAsyncDisposable
{
    private readonly List<FunctionAppFactory> _instances = [];

    private ConnectionHarness(Marketplace stub, IReadOnlyDictionary<string, string> settings)
    {
        Stub = stub;
        Settings = settings;
    }

    public Marketplace Stub { get; }

    /// <summary>Settings every instance of this harness shares (one database, one registry, one token store).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>A private stub (its token counts are this test's alone) and settings for apps on it, triggers off.</summary>
    /// <param name="runTriggers">Whether the instances process their queues (webhook deliveries re-read orders with obtained tokens).</param>
    public static async Task<ConnectionHarness> StartAsync(FunctionAppFixture fixture, IReadOnlyDictionary<string, string>? overrides = null, bool runTriggers = false)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var stub = await FunctionAppFixture.StartPrivateMarketplaceAsync();
        var settings = new Dictionary<string, string>(StubApps.Default.Settings(stub.BaseUrl))
        {
            ["ChannelTokens:RefreshSkew"] = "00:00:01",
            ["ChannelTokens:PollInterval"] = "00:00:00.020",
            ["ChannelTokens:LeaseDuration"] = "00:00:03",

            // A lease is written for no less than a token call can take (timeout x attempts + 5 s) plus 5 s to store its
            // answer, whatever LeaseDuration says: 20 s here (one 10 s attempt), so a survivor waits a dead instance's
            // lease out within WaitTimeout.
            ["ChannelTokens:MaxRetries"] = "0",
            ["ChannelTokens:WaitTimeout"] = "00:00:30",
            ["ChannelTokens:RetryBaseDelayMilliseconds"] = "10",
        };
        foreach (var (key, value) in runTriggers ? overrides ?? new Dictionary<string, string>() : TestApp.TriggersOff(overrides))
        {
            settings[key] = value;
        }

        return new ConnectionHarness(stub, fixture.CreateApp(LocalStackSettings.NewRunId(), overrides: settings, marketplace: stub).Settings);
    }

    /// <summary>
    /// A new, started instance of the app on the shared settings (another process, as far as the stores can tell). Each has its own
    /// task hub, as ChannelAccountAdminTests' second instance does: two Durable engines creating one hub's tables at once
    /// meet Azurite answering 500, and tokens need no orchestration.
    /// </summary>
    public FunctionAppFactory Instance(Action<IServiceCollection>? testServices = null)
    {
        var settings = new Dictionary<string, string>(Settings);
        settings["DurableTaskHubName"] += $"i{_instances.Count}";
        var instance = new FunctionAppFactory(settings) { TestServices = testServices };
        _instances.Add(instance);

        // Started now, not on first use: a host starting between a connection and its first token read would eat into the
        // token's short test lifetime.
        _ = instance.Services;
        return instance;
    }

    /// <summary>An HTTP client of <paramref name="instance"/> signed in as the local operator (admin of every brand).</summary>
    public static HttpClient Client(FunctionAppFactory instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var client = instance.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(LocalStackSettings.ApiKeyHeader, LocalStackSettings.ApiKey);
        return client;
    }

    public static ChannelTokenService TokenService(FunctionAppFactory instance) => instance.Services.GetRequiredService<ChannelTokenService>();

    public static string NewShop() => $"t{LocalStackSettings.NewRunId()}.myshopify.com";

    /// <summary>POST /api/brands/acme/connections/{channel}: the authorisation URL to open as the merchant.</summary>
    public static async Task<Uri> StartAsync(HttpClient client, string channel, object body)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsJsonAsync($"api/brands/acme/connections/{channel}", body, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Starting a {channel} connection answered {(int)response.StatusCode}: {text}");
        return new Uri(Json.Parse(text).Str("authorizationUrl"));
    }

    /// <summary>The merchant approves on the stub's page: where it sends the browser (our callback with code and state).</summary>
    public static Task<Uri> ApproveAsync(Uri authorizationUrl) => Marketplace.ApproveAsync(authorizationUrl, Token);

    /// <summary>The browser follows the redirect to our callback.</summary>
    public static Task<HttpResponseMessage> FollowAsync(HttpClient client, Uri callback)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(callback);
        return client.GetAsync(callback.PathAndQuery, Token);
    }

    /// <summary>Start, approve, callback: the connection the callback answers (200).</summary>
    public static async Task<JsonElement> ConnectAsync(HttpClient client, string channel, object body)
    {
        var callback = await ApproveAsync(await StartAsync(client, channel, body));
        using var response = await FollowAsync(client, callback);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The {channel} callback answered {(int)response.StatusCode}: {text}");
        return Json.Parse(text);
    }

    /// <summary>Waits until <paramref name="token"/> is inside the refresh window (a deadline, not a guess).</summary>
    public static async Task WaitUntilDueAsync(ChannelAccessToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var due = token.ExpiresAt - TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due + TimeSpan.FromMilliseconds(50), Token);
        }
    }

    /// <summary>The brand's connection of <paramref name="accountId"/> as GET /api/brands/acme/connections lists it.</summary>
    public static async Task<JsonElement> ConnectionAsync(HttpClient client, SalesChannel channel, string accountId)
    {
        ArgumentNullException.ThrowIfNull(client);
        var text = await client.GetStringAsync("api/brands/acme/connections", Token);
        return Json.Parse(text).Items().Single(c => c.Str("channel") == channel.Slug() && string.Equals(c.Str("accountId"), accountId, StringComparison.OrdinalIgnoreCase));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await Stub.DisposeAsync();
    }
}
