using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Testing.Tests.Scenarios;

/// <summary>
/// The scenario speaks the contract the domain's webhook adapters implement: every delivery locates its account,
/// authenticates, has an envelope with its delivery id and interprets; every expected end state is what the
/// adapters map the final snapshot or API document to.
/// </summary>
public sealed class ScenarioAgainstAdaptersTests
{
    private static readonly MarketplaceScenario _scenario = MarketplaceScenario.Build(new MarketplaceScenarioOptions { OrdersPerChannel = 25, Seed = 4242 });

    [Fact]
    public void EveryDelivery_LocatesAuthenticatesAndInterprets()
    {
        var accounts = _scenario.Accounts;
        foreach (var step in _scenario.Steps)
        {
            var adapter = WebhookChannels.For(step.Channel);
            var request = step.Webhook.ToWebhookRequest();
            var where = $"step {step.Sequence} ({step.Channel} {step.Topic})";

            var located = adapter.LocateAccount(request);
            Assert.True(located.IsSuccess, $"{where}: {located.Rejection?.Detail}");
            Assert.Equal(accounts.AccountId(step.Channel), located.Value);
            Assert.True(adapter.Authenticate(request, Credentials(step.Channel)), $"{where}: not authenticated");
            var envelope = adapter.ReadEnvelope(request);
            Assert.True(envelope.IsSuccess, $"{where}: {envelope.Rejection?.Detail}");
            Assert.Equal(step.Webhook.DeliveryId, envelope.Value.DeliveryId);

            var content = adapter.Interpret(envelope.Value, request.Headers, request.Body, accounts.Account(step.Channel), $"key-{step.Sequence}");
            switch (content)
            {
                case OrderSnapshot snapshot:
                    Assert.Equal(step.ExternalOrderId, snapshot.Order.ExternalOrderId);
                    break;
                case OrderSignal signal:
                    Assert.Equal(step.ExternalOrderId, signal.ExternalOrderId);
                    break;
                case InventoryReport inventory:
                    Assert.Null(step.ExternalOrderId);
                    Assert.NotEmpty(inventory.Levels);
                    break;
                case PriceReport prices:
                    Assert.Null(step.ExternalOrderId);
                    Assert.NotEmpty(prices.Changes);
                    break;
                default:
                    Assert.Fail($"{where}: unexpected {content.GetType().Name}");
                    break;
            }
        }
    }

    [Fact]
    public void ExpectedOrders_MatchWhatTheAdaptersMapTheFinalStateTo()
    {
        foreach (var expected in _scenario.ExpectedOrders)
        {
            var account = _scenario.Accounts.Account(expected.Channel);
            var adapter = WebhookChannels.For(expected.Channel);
            var order = expected.FinalDocument is { } document
                ? adapter.MapApiOrder(document, account)
                : FinalShopifySnapshot(expected, adapter, account);

            Assert.Equal((expected.OrderId, expected.Status), (order.Id, order.Status));
            if (expected.Channel != SalesChannel.Shopify)
            {
                Assert.Equal(expected.ChannelStatus, order.ChannelStatus);
            }

            Assert.Equal(expected.UpdatedAt, order.Version.UpdatedAt);
            if (expected.CancelledUnits is { } cancelled)
            {
                Assert.Equal((expected.OrderId, cancelled), (order.Id, order.Lines.Sum(l => l.QuantityCancelled)));
            }

            if (expected.RefundedAmount is { } refunded)
            {
                Assert.Equal((expected.OrderId, refunded), (order.Id, order.RefundedAmount));
            }
            Assert.Equal(_scenario.Accounts.BrandId, order.BrandId);
            Assert.True(order.IsComplete, $"{expected.OrderId} mapped incomplete");
        }
    }

    private static Domain.Orders.Order FinalShopifySnapshot(ExpectedOrder expected, IWebhookChannel adapter, ChannelAccount account)
    {
        var step = _scenario.Steps.Last(s => s.ExternalOrderId == expected.ExternalOrderId
            && System.Text.Encoding.UTF8.GetString(s.Webhook.Body.Span) == expected.FinalSnapshot);
        var request = step.Webhook.ToWebhookRequest();
        var envelope = adapter.ReadEnvelope(request);
        return Assert.IsType<OrderSnapshot>(adapter.Interpret(envelope.Value!, request.Headers, request.Body, account, "final")).Order;
    }

    private static ChannelCredentials Credentials(SalesChannel channel)
    {
        var a = _scenario.Accounts;
        return channel switch
        {
            SalesChannel.Shopify => new ChannelCredentials([a.ShopifySecret]),
            SalesChannel.Amazon => new ChannelCredentials([a.AmazonSecret], CredentialHeader: a.AmazonCredentialHeader),
            SalesChannel.Walmart => new ChannelCredentials([a.WalmartSecret], CredentialHeader: a.WalmartCredentialHeader, AuthMethod: a.WalmartAuthMethod.ToString()),
            SalesChannel.TikTokShop => new ChannelCredentials([a.TikTokAppSecret], AppKey: a.TikTokAppKey),
            _ => throw new ArgumentOutOfRangeException(nameof(channel)),
        };
    }
}
