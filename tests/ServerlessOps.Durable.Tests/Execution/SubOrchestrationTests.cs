using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.Orchestration;
using ServerlessOps.Durable.Tests.TestSupport;

namespace ServerlessOps.Durable.Tests.Execution;

/// <summary>Sub-orchestrations: results and failures travel back to the parent.</summary>
public sealed class SubOrchestrationTests
{
    [Fact]
    public async Task SubOrchestration_Completes_ParentReceivesOutput()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddOrchestratorFunc<int, int>("Child", (_, n) => Task.FromResult(n * 10))
            .AddOrchestratorFunc<int, int>("Parent", (ctx, n) => ctx.CallSubOrchestratorAsync<int>("Child", n, new SubOrchestrationOptions(InstanceId: ctx.InstanceId + "-child"))));

        var result = await host.RunAsync("Parent", 4, instanceId: "parent-ok");

        Assert.Equal(40, result.ReadOutputAs<int>());
        var child = await host.Client.GetInstanceAsync("parent-ok-child", TestContext.Current.CancellationToken);
        Assert.Equal("parent-ok", child?.ParentInstanceId);
    }

    [Fact]
    public async Task SubOrchestration_ActivityFails_ParentCatchesTaskFailedExceptionWithOriginalDetails()
    {
        await using var host = await DurableTestHost.StartAsync(r => r
            .AddActivityFunc<string, string>("Charge", Decline)
            .AddOrchestratorFunc<object?, string>("Payment", (ctx, _) => ctx.CallActivityAsync<string>("Charge", "card"))
            .AddOrchestratorFunc<object?, string>("Order", async (ctx, _) =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>("Payment");
                }
                catch (TaskFailedException ex)
                {
                    var root = ex.FailureDetails;
                    while (root.InnerFailure is not null)
                    {
                        root = root.InnerFailure;
                    }

                    return $"{ex.TaskName}|{root.ErrorType}|{root.ErrorMessage}|{root.StackTrace?.Contains(nameof(Decline), StringComparison.Ordinal)}";
                }
            }));

        var result = await host.RunAsync("Order");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal($"Payment|{typeof(InvalidOperationException).FullName}|card declined|True", result.ReadOutputAs<string>());
    }

    private static string Decline(TaskActivityContext context, string input) => throw new InvalidOperationException("card declined");
}
