using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Durable.TestWorker;

/// <summary>
/// The orchestration the crash-recovery test runs: a chain of activities slow enough that a worker can be
/// killed in the middle. The sum of 1..N is the expected result whichever workers ran which steps.
/// </summary>
public static class SlowChainTasks
{
    public const string Orchestrator = "SlowChain";
    public const string Activity = "SlowAdd";

    /// <summary>How long each activity takes.</summary>
    public static TimeSpan ActivityDuration { get; set; } = TimeSpan.FromMilliseconds(700);

    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestratorFunc<int, int>(Orchestrator, async (context, steps) =>
        {
            var total = 0;
            for (var i = 1; i <= steps; i++)
            {
                total += await context.CallActivityAsync<int>(Activity, i);
            }

            return total;
        });
        registry.AddActivityFunc<int, int>(Activity, async (context, value) =>
        {
            await Task.Delay(ActivityDuration, context.CancellationToken);
            return value;
        });
    }
}
