using ServerlessOps.Durable.Orchestration;

namespace ServerlessOps.Benchmarks.Durable;

/// <summary>The orchestrations of the four published Durable Functions scenarios.</summary>
internal static class DurableScenarios
{
    /// <summary>Fan-out activities wait here until all have started, so the fan-in is measured on its own.</summary>
    public static TaskCompletionSource FanOutGate { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static int FanOutTarget { get; set; }

    public static int FanOutStarted;

    public static void Register(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<int, int>("Sequential", async (ctx, n) =>
        {
            var value = 0;
            for (var i = 0; i < n; i++)
            {
                value = await ctx.CallActivityAsync<int>("Echo", value + 1);
            }

            return value;
        })
        .AddOrchestratorFunc<int, int>("FanOutFanIn", async (ctx, n) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Gated", i)));
            return results.Length;
        })
        .AddOrchestratorFunc<int, int>("Events", async (ctx, n) =>
        {
            var sum = 0;
            for (var i = 0; i < n; i++)
            {
                sum += await ctx.WaitForExternalEvent<int>("Tick");
            }

            return sum;
        })
        .AddActivityFunc<int, int>("Echo", (_, v) => Task.FromResult(v))
        .AddActivityFunc<int, int>("Gated", async (_, v) =>
        {
            if (Interlocked.Increment(ref FanOutStarted) >= FanOutTarget)
            {
                FanOutGate.TrySetResult();
            }

            await FanOutGate.Task;
            return v;
        });
}
