using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.Orchestration;
using ServerlessOps.Durable.Tests.TestSupport;

namespace ServerlessOps.Durable.Tests.Execution;

/// <summary>How misconfiguration and runaway code end: with a failure that says what to fix.</summary>
public sealed class FailureModeTests
{
    [Fact]
    public async Task UnknownOrchestrator_InstanceFailsNamingTheMissingRegistration()
    {
        await using var host = await DurableTestHost.StartAsync(r => r.AddOrchestratorFunc<object?, int>("Known", (_, _) => Task.FromResult(1)));

        var result = await host.RunAsync("Unknown");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("No orchestrator named 'Unknown'", result.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Known", result.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownActivity_TaskFailsNamingTheMissingRegistration()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Caller", async (ctx, _) =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("Missing");
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorMessage;
                }
            }));

        var result = await host.RunAsync("Caller");

        Assert.Contains("No activity named 'Missing'", result.ReadOutputAs<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContinueAsNew_WithoutEverWaiting_FailsInsteadOfLoopingForever()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<int, int>("Spin", (ctx, n) =>
            {
                ctx.ContinueAsNew(n + 1);
                return Task.FromResult(n);
            }));

        var result = await host.RunAsync("Spin", 0);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("must await a timer or an event before ContinueAsNew", result.FailureDetails?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerminatedChild_ParentSeesTaskFailedException()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Child", (ctx, _) => ctx.WaitForExternalEvent<string>("Never"))
            .AddOrchestratorFunc<object?, string>("Parent", async (ctx, _) =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>("Child", null, new SubOrchestrationOptions(InstanceId: "child-of-parent"));
                }
                catch (TaskFailedException ex)
                {
                    return "child ended: " + ex.FailureDetails.ErrorMessage;
                }
            }));
        var ct = TestContext.Current.CancellationToken;
        var parent = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", ct);
        await host.WaitUntilAsync("child-of-parent", m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        await host.Client.TerminateInstanceAsync("child-of-parent", "operator", ct);
        var result = await host.WaitAsync(parent);

        Assert.Contains("was terminated", result.ReadOutputAs<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminate_SuspendedInstance_EndsTerminated()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<object?, string>("Paused", (ctx, _) => ctx.WaitForExternalEvent<string>("Never")));
        var ct = TestContext.Current.CancellationToken;
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Paused", ct);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await host.Client.SuspendInstanceAsync(id, null, ct);
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);

        await host.Client.TerminateInstanceAsync(id, "gone", ct);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.WaitAsync(id)).RuntimeStatus);
    }
}
