using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.Tests.TestSupport;

namespace ServerlessOps.Durable.Tests.Client;

/// <summary>Client queries and waits.</summary>
public sealed class DurableTaskClientTests
{
    [Fact]
    public async Task GetAllInstances_SmallPages_EnumeratesEveryMatchOnce()
    {
        await using var host = await DurableTestHost.StartAsync(r => r.AddOrchestratorFunc<int, int>("Echo", (_, n) => Task.FromResult(n)));
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 5; i++)
        {
            await host.RunAsync("Echo", i, $"page-{i}");
        }

        var seen = new List<string>();
        await foreach (var instance in host.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "page-", PageSize = 2, FetchInputsAndOutputs = true }, ct))
        {
            seen.Add($"{instance.InstanceId}={instance.ReadOutputAs<int>()}");
        }

        Assert.Equal(["page-0=0", "page-1=1", "page-2=2", "page-3=3", "page-4=4"], seen.Order());
    }

    [Fact]
    public async Task WaitForCompletion_UnknownInstance_ThrowsNotFound()
    {
        await using var host = await DurableTestHost.StartAsync(_ => { });

        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() =>
            host.Client.WaitForInstanceCompletionAsync("nobody", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Query_PageSizeOutOfRange_IsRejected()
    {
        await using var host = await DurableTestHost.StartAsync(_ => { });

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            host.Client.QueryInstancesAsync(new OrchestrationQuery { PageSize = 0 }, TestContext.Current.CancellationToken));
    }
}
