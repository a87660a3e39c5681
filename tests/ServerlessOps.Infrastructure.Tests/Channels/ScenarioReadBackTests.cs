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
            var document = await host.Readers.ReadOrderAsync(scenario.Accounts.Account(expected.Channel), expected.ExternalOrderId, ct);

            Assert.Equal(expected.FinalDocument!.Parts, document.Parts);
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

            var document = await host.Readers.ReadOrderAsync(scenario.Accounts.Account(step.Channel), step.ExternalOrderId!, ct);

            Assert.Equal(step.Document!.Parts, document.Parts);
        }

        Assert.All(
            new[] { SalesChannel.Amazon, SalesChannel.Walmart, SalesChannel.TikTokShop },
            channel => Assert.All(host.Stub.Requests(channel), r => Assert.Equal(200, r.StatusCode)));
    }
}
