using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Durable.Tests.TestSupport;

namespace ServerlessOps.Durable.Tests.Logging;

/// <summary>Runtime logs carry the instance id and never the payloads.</summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Logs_ForAFailingActivity_NameTheInstanceButNeverThePayload()
    {
        const string secret = "card-4111-1111-1111-1111";
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivityFunc<string, string>("Charge", Refuse)
                .AddOrchestratorFunc<string, string>("Pay", (ctx, card) => ctx.CallActivityAsync<string>("Charge", card)),
            services: s => s.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Debug)));

        var result = await host.RunAsync("Pay", secret, "pay-1");
        var collector = host.Services.GetRequiredService<FakeLogCollector>();
        using var deadline = DurableTestHost.Deadline();

        // The worker logs the failure right after its commit, so the client can see Failed a moment earlier.
        while (!collector.GetSnapshot().Any(r => r.Id.Id == 2012))
        {
            await Task.Delay(5, deadline.Token);
        }

        var logs = collector.GetSnapshot();

        Assert.True(logs.Any(r => r.Id.Id == 2031 && r.Message.Contains("pay-1", StringComparison.Ordinal)), string.Join("\n", logs.Select(r => $"{r.Id.Id} {r.Message}")));
        Assert.Contains(logs, r => r.Id.Id == 2012 && r.Message.Contains("pay-1", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, r => r.Message.Contains(secret, StringComparison.Ordinal));
        Assert.Equal(ServerlessOps.Durable.Client.OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
    }

    private static string Refuse(Orchestration.TaskActivityContext context, string card) => throw new InvalidOperationException("declined");
}
