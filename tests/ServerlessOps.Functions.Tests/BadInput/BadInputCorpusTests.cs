using System.Net;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.BadInput;
using ServerlessOps.Testing.Scenarios;
using ServerlessOps.Testing.Webhooks;

namespace ServerlessOps.Functions.Tests.BadInput;

/// <summary>
/// The whole app (Azurite, the Cosmos server, a private stub marketplace holding the samples' orders) against the mutated
/// corpus of <see cref="BadInputCorpus"/>: every channel's webhook route and every import route. Every call is answered
/// 4xx problem+json or quarantined with its raw body kept, or stored whole; never 5xx, never half-written. Walmart signs
/// with WM_SEC, so its replay window is exercised.
/// </summary>
public sealed class BadInputCorpusTests(FunctionAppFixture fixture)
{
    private const int MaxImportBytes = 256 * 1024;

    private static readonly ScenarioAccounts Accounts = ScenarioAccounts.Default with { WalmartAuthMethod = WalmartAuthMethod.Signature };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MutatedCorpus_OnEveryWebhookAndImportRoute_IsRefusedQuarantinedOrStoredWholeNever5xx()
    {
        await using var marketplace = await FunctionAppFixture.StartPrivateMarketplaceAsync(Accounts);
        BadInputStubOrders.Put(marketplace);
        await using var app = TestApp.Start(fixture, new Dictionary<string, string> { ["Catalog:MaxImportBytes"] = MaxImportBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Accounts, marketplace);
        var firstDay = AppClient.Today();
        var options = new BadInputCorpusOptions(WebhooksPerChannel: 60, FilesPerSeed: 12, Seed: 1804, Now: DateTimeOffset.UtcNow, MaxWebhookBytes: 1024 * 1024, MaxImportBytes: MaxImportBytes);
        var calls = BadInputCorpus.Generate(Accounts, options);

        await BadInputSender.WaitUntilReadyAsync(app.Client.Http, TimeSpan.FromSeconds(60), Token);
        var answers = await BadInputSender.SendAsync(app.Client.Http, calls, concurrency: 8, rawConnections: false, Token);
        var tallies = await new BadInputAudit(app.Client.Http, Accounts).AuditAsync(answers, firstDay, TimeSpan.FromMinutes(4), Token);

        var table = BadInputTally.Table(tallies);
        TestContext.Current.TestOutputHelper?.WriteLine(table);
        Assert.True(tallies.All(t => t.Passed), table + string.Join("\n", tallies.SelectMany(t => t.Findings).Take(30)));
        Assert.Equal(
            ["amazon", "import:ad-spend", "import:catalog", "import:costs", "import:exchange-rates", "import:fees", "import:invoices", "import:orders", "import:stock-counts", "import:stock-snapshots", "import:targets", "shopify", "tiktok", "walmart"],
            tallies.Select(t => t.Target).Order(StringComparer.Ordinal));

        // The corpus reaches past the edge: on every channel some mutants are refused and some stored whole; Shopify and Walmart
        // name the account outside the body, so their unreadable deliveries authenticate and are quarantined.
        var webhooks = tallies.Where(t => !t.Target.StartsWith("import:", StringComparison.Ordinal)).ToList();
        Assert.All(webhooks, channel => Assert.True(channel.StoredValid > 0 && channel.Refused > 0, $"{channel.Target} did not reach past the edge:\n{table}"));
        Assert.All(webhooks.Where(t => t.Target is "shopify" or "walmart"), channel => Assert.True(channel.Quarantined > 0, $"{channel.Target} quarantined nothing:\n{table}"));
    }

    [Theory]
    [InlineData(-10)]
    [InlineData(10)]
    public async Task WalmartWebhook_SignedTimestampOutsideTheWindow_Is401NamingTheTimestampAndStoresNothing(int minutes)
    {
        await using var app = TestApp.Start(fixture, accounts: Accounts);
        var webhook = Accounts.Sign(SalesChannel.Walmart, ChannelSamples.Bytes("walmart-po-created.json"), Deliveries.NewId(), at: DateTimeOffset.UtcNow.AddMinutes(minutes));

        using var response = await app.Client.SendAsync(webhook);

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.Unauthorized, "stale-signature", "WM_SEC.TIMESTAMP");
        Assert.Empty(await app.Client.ChannelEventsAsync());
        Assert.Empty(await app.Client.QuarantineAsync());
    }

    [Fact]
    public async Task WalmartWebhook_SameSignedDeliveryInsideTheWindow_IsAccepted()
    {
        // The refusal above is the window's doing, not the signature's: the same call signed now passes.
        await using var app = TestApp.Start(fixture, accounts: Accounts);
        var webhook = Accounts.Sign(SalesChannel.Walmart, ChannelSamples.Bytes("walmart-po-created.json"), Deliveries.NewId(), at: DateTimeOffset.UtcNow);

        using var response = await app.Client.SendAsync(webhook);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
