using System.Diagnostics;
using ServerlessOps.Durable.Client;
using ServerlessOps.Durable.History;
using ServerlessOps.Durable.TestWorker;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Durable.AzureStorage.Tests.Scenarios;

public sealed class CrashRecoveryTests(AzuriteFixture azurite)
{
    private const int Steps = 8;
    private const int VisibilitySeconds = 5;

    [Fact]
    public async Task WorkerKilledMidOrchestration_AnotherWorkerFinishes_CorrectResultNoDuplicatedHistory()
    {
        var hub = TestHub.NewHubName();
        // A client-only host (no polling) on the hub; the worker is the child process.
        await using (var client = await AzureTestHost.StartAsync(azurite, SlowChainTasks.Register, hub, options: o => o.PollingEnabled = false))
        {
            await client.Backend.CreateTaskHubAsync(TestContext.Current.CancellationToken);
            using var worker = StartWorkerProcess(hub);
            try
            {
                var id = await client.Client.ScheduleNewOrchestrationInstanceAsync(SlowChainTasks.Orchestrator, Steps, cancellationToken: TestContext.Current.CancellationToken);
                await Deadline.UntilAsync(
                    async ct => (await client.Client.GetOrchestrationHistoryAsync(id, ct)).OfType<TaskCompletedEvent>().Count() >= 2 ? "progress" : null,
                    "the child worker to complete two activities",
                    TimeSpan.FromSeconds(90));

                worker.Kill(entireProcessTree: true);
                await worker.WaitForExitAsync(TestContext.Current.CancellationToken);
                var before = await client.Client.GetInstanceAsync(id, TestContext.Current.CancellationToken);
                Assert.Equal(OrchestrationRuntimeStatus.Running, before!.RuntimeStatus);

                await using var survivor = await AzureTestHost.StartAsync(azurite, SlowChainTasks.Register, hub, o =>
                {
                    o.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(VisibilitySeconds);
                    o.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(VisibilitySeconds);
                });
                var done = await survivor.WaitAsync(id, TimeSpan.FromSeconds(120));

                Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
                Assert.Equal(Enumerable.Range(1, Steps).Sum(), done.ReadOutputAs<int>());
                var history = await survivor.Client.GetOrchestrationHistoryAsync(id, TestContext.Current.CancellationToken);
                HistoryAssert.NoDuplicates(history);
                Assert.Equal(Steps, history.OfType<TaskScheduledEvent>().Count());
                Assert.Equal(Steps, history.OfType<TaskCompletedEvent>().Count());
            }
            finally
            {
                if (!worker.HasExited)
                {
                    worker.Kill(entireProcessTree: true);
                }
            }
        }
    }

    private Process StartWorkerProcess(string hub)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ServerlessOps.Durable.TestWorker.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", dll, azurite.ConnectionString, hub, VisibilitySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the test worker.");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                TestContext.Current.TestOutputHelper?.WriteLine("[worker] " + e.Data);
            }
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                TestContext.Current.TestOutputHelper?.WriteLine("[worker] " + e.Data);
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }
}
