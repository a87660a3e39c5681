using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Backstop;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Drift;
using ServerlessOps.Infrastructure.Pricing;
using ServerlessOps.Infrastructure.Push;
using ServerlessOps.Infrastructure.Settlements;

namespace ServerlessOps.Infrastructure.Tests.Channels;

/// <summary>
/// The renewal of a refused token (<see cref="ChannelAccessTokenRenewalHandler"/>) finds the token where every request
/// builder puts it: each builder's request, refused with 401, is sent once more with the renewed token. Walmart's
/// builders also send every header Walmart requires (CHANNELS.md 3.6).
/// </summary>
public sealed class ChannelTokenHeadersTests
{
    private const string AccountId = "account-1";

    private static readonly Uri BaseAddress = new("https://channel.test/");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Every request builder of a channel API client, by the type that builds the request.</summary>
    public static TheoryData<string> Builders() =>
    [
        nameof(AmazonRequest), nameof(WalmartRequest), nameof(TikTokRequest), nameof(ShopifyAdminRequest),
        nameof(ShopifyOrderLister), nameof(WalmartOrderLister), nameof(WalmartPriceClient), nameof(WalmartInventoryPushClient),
        nameof(WalmartListingReadClient), nameof(ShopifySettlementReader), nameof(WalmartSettlementReader),
    ];

    /// <summary>The builders of Walmart Marketplace API requests (the token exchange, <c>POST /v3/token</c>, is not one: it authenticates with Basic).</summary>
    public static TheoryData<string> WalmartBuilders() =>
    [
        nameof(WalmartRequest), nameof(WalmartOrderLister), nameof(WalmartPriceClient), nameof(WalmartInventoryPushClient),
        nameof(WalmartListingReadClient), nameof(WalmartSettlementReader),
    ];

    [Fact]
    public void EveryChannel_HasATokenHeader()
    {
        Assert.All(Enum.GetValues<SalesChannel>(), channel => Assert.False(string.IsNullOrWhiteSpace(ChannelTokenHeaders.For(channel))));
    }

    [Theory]
    [MemberData(nameof(Builders))]
    public async Task RefusedToken_InAnyBuildersRequest_IsRenewedForItsAccountAndSentAgain(string builder)
    {
        var (channel, send) = Call(builder);
        var credentials = new RenewingCredentialSource();
        var channelApi = new RefusingChannelHandler(ChannelTokenHeaders.For(channel));
        using var client = new HttpClient(new ChannelAccessTokenRenewalHandler(channel, credentials, NullLogger.Instance) { InnerHandler = channelApi })
        {
            BaseAddress = BaseAddress,
        };

        // The second 401 is the answer: some callers throw it, the bare builders return it.
        _ = await Record.ExceptionAsync(() => send(client, credentials));

        Assert.Equal([RenewingCredentialSource.Held, RenewingCredentialSource.Renewed], channelApi.TokensSent);
        Assert.Equal([(channel, AccountId, RenewingCredentialSource.Held)], credentials.Renewals);
    }

    [Theory]
    [MemberData(nameof(WalmartBuilders))]
    public async Task AnyWalmartBuildersRequest_CarriesWalmartsRequiredHeaders_WithAFreshCorrelationIdEachTime(string builder)
    {
        var (channel, send) = Call(builder);
        Assert.Equal(SalesChannel.Walmart, channel);
        var walmart = new RecordingWalmartHandler();
        using var client = new HttpClient(walmart) { BaseAddress = BaseAddress };

        // Refused with 400: some callers throw it, the bare builder returns it.
        _ = await Record.ExceptionAsync(() => send(client, new RenewingCredentialSource()));
        _ = await Record.ExceptionAsync(() => send(client, new RenewingCredentialSource()));

        Assert.Equal(2, walmart.Requests.Count);
        Assert.All(walmart.Requests, request =>
        {
            Assert.Equal(RenewingCredentialSource.Held, request.Headers.GetValueOrDefault(ChannelTokenHeaders.Walmart));
            Assert.True(Guid.TryParse(request.Headers.GetValueOrDefault("WM_QOS.CORRELATION_ID"), out _), $"{builder}: WM_QOS.CORRELATION_ID is not a UUID");
            Assert.Equal("Walmart Marketplace", request.Headers.GetValueOrDefault("WM_SVC.NAME"));
            Assert.Equal("application/json", request.Headers.GetValueOrDefault("Accept"));
            Assert.Equal(AccountId, request.AccountId);
            if (request.Method != HttpMethod.Get)
            {
                Assert.Equal("application/json", request.BodyMediaType);
            }
        });
        Assert.NotEqual(walmart.Requests[0].Headers["WM_QOS.CORRELATION_ID"], walmart.Requests[1].Headers["WM_QOS.CORRELATION_ID"]);
    }

    private static (SalesChannel Channel, Func<HttpClient, IChannelApiCredentialSource, Task> Send) Call(string builder)
    {
        var shopify = new ChannelAccount("acme", SalesChannel.Shopify, AccountId);
        var walmart = new ChannelAccount("acme", SalesChannel.Walmart, AccountId);
        var walmartListing = new ChannelListing(SalesChannel.Walmart, "SKU-A", "main", ShipNode: "node-1");
        var backstop = Options.Create(new BackstopOptions());
        return builder switch
        {
            nameof(AmazonRequest) => (SalesChannel.Amazon, (client, _) =>
                SendAsync(client, AmazonRequest.Create(HttpMethod.Get, "orders/v0/orders/1", RenewingCredentialSource.Held, AccountId))),
            nameof(WalmartRequest) => (SalesChannel.Walmart, (client, _) =>
                SendAsync(client, WalmartRequest.Create(HttpMethod.Get, "v3/orders/1", RenewingCredentialSource.Held, AccountId).Request)),
            nameof(TikTokRequest) => (SalesChannel.TikTokShop, (client, _) =>
                SendAsync(client, TikTokRequest.Create(
                    BaseAddress, HttpMethod.Get, "order/202309/orders", new ChannelApiCredential(RenewingCredentialSource.Held, "app-key", "app-secret"),
                    AccountId, DateTimeOffset.UtcNow, [new("ids", "1")]))),
            nameof(ShopifyAdminRequest) => (SalesChannel.Shopify, (client, _) =>
                SendAsync(client, ShopifyAdminRequest.Create(new InventoryPushOptions(), shopify, RenewingCredentialSource.Held, "{}"))),
            nameof(ShopifyOrderLister) => (SalesChannel.Shopify, (client, credentials) =>
                new ShopifyOrderLister(client, credentials, backstop, NullLogger<ShopifyOrderLister>.Instance).ReadOrderAsync(shopify, "1", Token)),
            nameof(WalmartOrderLister) => (SalesChannel.Walmart, (client, credentials) =>
                new WalmartOrderLister(client, credentials, NullLogger<WalmartOrderLister>.Instance)
                    .ListChangedAsync(walmart, new ChangedOrderWindow(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow), 10, null, Token)),
            nameof(WalmartPriceClient) => (SalesChannel.Walmart, (client, credentials) =>
                new WalmartPriceClient(client, credentials, NullLogger<WalmartPriceClient>.Instance)
                    .SetPriceAsync(new ListingPriceRequest(walmart, walmartListing, 9.99m, "USD"), Token)),
            nameof(WalmartInventoryPushClient) => (SalesChannel.Walmart, (client, credentials) =>
                new WalmartInventoryPushClient(client, credentials, NullLogger<WalmartInventoryPushClient>.Instance)
                    .PushAsync(new ListingPushRequest(walmart, walmartListing, 5, null, "push-1"), Token)),
            nameof(WalmartListingReadClient) => (SalesChannel.Walmart, (client, credentials) =>
                new WalmartListingReadClient(client, credentials, NullLogger<WalmartListingReadClient>.Instance).ReadAsync(walmart, walmartListing, Token)),
            nameof(ShopifySettlementReader) => (SalesChannel.Shopify, (client, credentials) =>
                new ShopifySettlementReader(client, credentials, backstop, NullLogger<ShopifySettlementReader>.Instance)
                    .ReadAsync(shopify, DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow, Token)),
            nameof(WalmartSettlementReader) => (SalesChannel.Walmart, (client, credentials) =>
                new WalmartSettlementReader(client, credentials, NullLogger<WalmartSettlementReader>.Instance)
                    .ReadAsync(walmart, DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow, Token)),
            _ => throw new ArgumentOutOfRangeException(nameof(builder), builder, "No call of this builder."),
        };
    }

    private static async Task SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request, Token);
        }
    }
}
