using System.Text.Json.Nodes;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Infrastructure.Tests.Channels;

/// <summary>The scenario's stub documents come back unchanged through the production readers.</summary>
public sealed class ScenarioReadBackTests
{
    [Fact]
    public async Task FinalState_EveryReReadOrder_ReadsBackAsTheExpectedFinalDocument()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = MarketplaceScenario.Build();
        await using var host = await ChannelApiTestHost.StartAsync(ct);
        scenario.LoadFinalState(host.Stub);

        foreach (var expected in scenario.ExpectedOrders.Where(o => o.FinalDocument is not null))
        {
            var document = await host.Readers.ReadOrderAsync(scenario.Accounts.Account(expected.Channel), expected.ExternalOrderId, HasReturns(expected.FinalDocument!), ct);

            AssertSameDocument(expected.FinalDocument!, document);
        }
    }

    [Fact]
    public async Task StepByStep_ReadAfterEachSignal_ReturnsThatStepsDocument()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = MarketplaceScenario.Build(new MarketplaceScenarioOptions { OrdersPerChannel = 3, Seed = 11 });
        await using var host = await ChannelApiTestHost.StartAsync(ct);

        foreach (var step in scenario.Steps.Where(s => s.Document is not null))
        {
            MarketplaceScenario.Apply(step, host.Stub);

            var document = await host.Readers.ReadOrderAsync(scenario.Accounts.Account(step.Channel), step.ExternalOrderId!, HasReturns(step.Document!), ct);

            AssertSameDocument(step.Document!, document);
        }

        Assert.All(
            new[] { SalesChannel.Amazon, SalesChannel.Walmart, SalesChannel.TikTokShop },
            channel => Assert.All(host.Stub.Requests(channel), r => Assert.Equal(200, r.StatusCode)));
    }

    private static bool HasReturns(ChannelOrderDocument document) => document.OptionalPart(ChannelOrderDocument.TikTokReturns) is not null;

    /// <summary>Every part byte for byte, but the returns answer, which the stub writes anew (its own request id): the same returns.</summary>
    private static void AssertSameDocument(ChannelOrderDocument expected, ChannelOrderDocument actual)
    {
        Assert.Equal(expected.Parts.Keys.Order(StringComparer.Ordinal), actual.Parts.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, body) in expected.Parts)
        {
            if (name == ChannelOrderDocument.TikTokReturns)
            {
                Assert.True(
                    JsonNode.DeepEquals(JsonNode.Parse(body)!["data"]!["return_orders"], JsonNode.Parse(actual.Part(name))!["data"]!["return_orders"]),
                    $"The returns of {expected.ExternalOrderId} read back differently.");
            }
            else
            {
                Assert.Equal(body, actual.Part(name));
            }
        }
    }
}
