using ServerlessOps.Durable.Backend;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;

namespace ServerlessOps.Durable.Tests.Contract;

/// <summary>Contract: instance queries with paging, and purges.</summary>
public abstract partial class BackendContractTests
{
    [Fact]
    public async Task Query_ByStatusNamePrefixAndPages_ReturnsEachMatchOnce()
    {
        var prefix = NewId("q");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = $"{prefix}-{i}";
            ids.Add(id);
            await Backend.CreateOrchestrationInstanceAsync(StartMessage(id, name: i % 2 == 0 ? "Even" : "Odd"), OrchestrationIdReusePolicy.Default, Ct);
        }

        await Backend.CreateOrchestrationInstanceAsync(StartMessage(NewId("other")), OrchestrationIdReusePolicy.Default, Ct);
        await CompleteInstanceAsync(ids[0]);

        var paged = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Backend.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 2, ContinuationToken = token }, Ct);
            paged.AddRange(page.Instances.Select(m => m.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 20);
        var even = await Backend.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Name = "Even" }, Ct);
        var completed = await Backend.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, Statuses = [OrchestrationRuntimeStatus.Completed], FetchInputsAndOutputs = true }, Ct);
        var future = await Backend.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix, CreatedFrom = DateTimeOffset.UtcNow.AddHours(1) }, Ct);

        Assert.Equal(ids.Order(), paged.Order());
        Assert.True(pages >= 3, $"5 results in pages of 2 came in {pages} page(s)");
        Assert.Equal(3, even.Instances.Count);
        Assert.Equal(ids[0], Assert.Single(completed.Instances).InstanceId);
        Assert.Equal("\"done\"", completed.Instances[0].SerializedOutput);
        Assert.Empty(future.Instances);
    }

    [Fact]
    public async Task Purge_OneInstance_RemovesRowAndHistory()
    {
        var id = NewId();
        await StartAndCommitFirstStepAsync(id);

        var purged = await Backend.PurgeInstanceAsync(id, Ct);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Backend.GetOrchestrationMetadataAsync(id, false, Ct));
        Assert.Empty(await Backend.GetOrchestrationHistoryAsync(id, Ct));
        Assert.Equal(0, (await Backend.PurgeInstanceAsync(id, Ct)).PurgedInstanceCount);
    }

    [Fact]
    public async Task Purge_ByFilter_RemovesOnlyMatchingStatuses()
    {
        var done = NewId("done");
        var running = NewId("running");
        await Backend.CreateOrchestrationInstanceAsync(StartMessage(running), OrchestrationIdReusePolicy.Default, Ct);
        await CompleteInstanceAsync(done, create: true);

        var purged = await Backend.PurgeInstancesAsync(new PurgeInstancesFilter(CreatedFrom: DateTimeOffset.UtcNow.AddHours(-1)), Ct);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Backend.GetOrchestrationMetadataAsync(done, false, Ct));
        Assert.NotNull(await Backend.GetOrchestrationMetadataAsync(running, false, Ct));
    }

    /// <summary>Takes the instance's start work item and commits it as Completed with output "done".</summary>
    private async Task CompleteInstanceAsync(string instanceId, bool create = false)
    {
        if (create)
        {
            await Backend.CreateOrchestrationInstanceAsync(StartMessage(instanceId), OrchestrationIdReusePolicy.Default, Ct);
        }

        var workItem = await NextOrchestrationAsync(w => w.InstanceId == instanceId);
        var started = workItem.NewMessages.Select(m => m.Event).OfType<ExecutionStartedEvent>().Single();
        await Backend.CompleteOrchestrationWorkItemAsync(workItem, new OrchestrationWorkItemResult
        {
            NewHistory =
            [
                new OrchestratorStartedEvent { Timestamp = DateTime.UtcNow },
                started,
                new ExecutionCompletedEvent { Timestamp = DateTime.UtcNow, OrchestrationStatus = OrchestrationRuntimeStatus.Completed, Result = "\"done\"" },
            ],
            Instance = Row(instanceId, OrchestrationRuntimeStatus.Completed, started.Name, "\"done\"", workItem.Instance?.CreatedAt) with
            {
                ExecutionId = started.OrchestrationInstance.ExecutionId,
            },
        }, Ct);
    }
}
