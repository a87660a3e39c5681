using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Durable.Orchestration;
using ServerlessOps.Durable.Tests.TestSupport;

namespace ServerlessOps.Durable.Tests.Logging;

/// <summary>A class-based orchestrator logging through the replay-safe logger logs each line once.</summary>
public sealed partial class ReplaySafeLoggerTests
{
    [Fact]
    public async Task ReplaySafeLogger_OrchestratorReplayedThreeTimes_LogsEachLineOnce()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddOrchestrator<ChattyOrchestrator>()
                .AddActivityFunc<int, int>("Step", (_, n) => n + 1),
            services: s => s.AddLogging(b => b.AddFakeLogging()));

        var result = await host.RunAsync(nameof(ChattyOrchestrator), 0);
        var lines = host.Services.GetRequiredService<FakeLogCollector>().GetSnapshot()
            .Where(r => r.Category == typeof(ChattyOrchestrator).FullName)
            .Select(r => r.Message)
            .ToList();

        Assert.Equal(3, result.ReadOutputAs<int>());
        Assert.Equal(["Reached step 0", "Reached step 1", "Reached step 2", "Reached step 3"], lines);
    }

    [LoggerMessage(EventId = 2499, Level = LogLevel.Information, Message = "Reached step {Step}")]
    private static partial void ReachedStep(ILogger logger, int step);

    private sealed class ChattyOrchestrator : TaskOrchestrator<int, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
        {
            var logger = context.CreateReplaySafeLogger<ChattyOrchestrator>();
            var value = input;
            ReachedStep(logger, value);
            for (var i = 0; i < 3; i++)
            {
                value = await context.CallActivityAsync<int>("Step", value);
                ReachedStep(logger, value);
            }

            return value;
        }
    }
}
