using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Standalone.Tests.Support;
using ServerlessOps.Standalone.Tests.Tasks.Patterns;

namespace ServerlessOps.Standalone.Tests.Scenarios;

/// <summary>The basic orchestration patterns on the real engine on Azurite.</summary>
public sealed class OrchestrationPatternTests(PatternsFixture fixture) : IClassFixture<PatternsFixture>
{
    private DurableTaskClient Client => fixture.Client;

    [Fact]
    public async Task Sequence_FiveActivities_ResultsInCallOrder()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SequenceOrchestrator), 5, Deadline.Token());

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal([2, 4, 6, 8, 10], done.ReadOutputAs<List<int>>());
    }

    [Fact]
    public async Task FanOutFanIn_FortyActivities_SumOfAllResults()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutFanInOrchestrator), 40, Deadline.Token());

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(2 * Enumerable.Range(1, 40).Sum(), done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ActivityRetry_FailedOnce_RunsAgainAfterTheInstancesOwnJitteredWait()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(JitteredRetryOrchestrator), "reserve", Deadline.Token());

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("reserve done on attempt 2", done.ReadOutputAs<string>());
        var attempts = FailsOnceActivity.AttemptTimes[id].ToArray();
        Assert.Equal(2, attempts.Length);

        // The durable timer between them is this instance's wait (1-3 s), not the bare 2 s every flow would share. It
        // counts from the orchestration's clock, the episode that scheduled the first attempt, so the attempts themselves
        // are apart by the wait less the first attempt's time in the work-item queue (0.4 s seen here).
        var wait = ServerlessOps.Workflows.ActivityRetry.DelayAfter(id, 1);
        Assert.InRange(attempts[1] - attempts[0], wait - TimeSpan.FromSeconds(1), wait + TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Retry_PolicyExhausted_TaskFailedExceptionCarriesTypeAndMessage()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryingOrchestrator), "charge", Deadline.Token());

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var report = done.ReadOutputAs<FailureReport>()!;
        Assert.Equal(typeof(InvalidOperationException).FullName, report.ErrorType);
        Assert.Equal("charge failed on attempt 3", report.ErrorMessage);
        Assert.True(report.CausedByInvalidOperation);
        Assert.Equal(3, FlakyActivity.Attempts[id]);
    }

    [Fact]
    public async Task SubOrchestrationFailure_CaughtByParent_TaskFailedExceptionNamesChildError()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(CatchingParentOrchestrator), "c1", Deadline.Token());

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        var report = done.ReadOutputAs<FailureReport>()!;
        Assert.Equal(typeof(InvalidOperationException).FullName, report.ErrorType);
        Assert.Equal("child c1 broke", report.ErrorMessage);
        Assert.True(report.CausedByInvalidOperation);
    }

    [Fact]
    public async Task SubOrchestrationFailure_Uncaught_ParentFailsWithChildDetails()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(UncaughtParentOrchestrator), "c2", Deadline.Token());

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var failure = Assert.IsType<TaskFailureDetails>(done.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Contains(nameof(FailingChildOrchestrator), failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.InnerFailure?.ErrorType);
        Assert.Equal("child c2 broke", failure.InnerFailure?.ErrorMessage);
        Assert.False(string.IsNullOrEmpty(failure.InnerFailure?.StackTrace));
    }

    [Fact]
    public async Task UnserializableOrchestrationOutput_FailsOnceWithSerializationReason()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(UnserializableOutputOrchestrator), "x", Deadline.Token());

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(System.Text.Json.JsonException).FullName, done.FailureDetails?.ErrorType);
        Assert.Contains("cycle", done.FailureDetails?.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnserializableActivityOutput_OrchestratorGetsTaskFailedExceptionWithReason()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(UnserializableActivityCallerOrchestrator), "x", Deadline.Token());

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var report = done.ReadOutputAs<FailureReport>()!;
        Assert.Equal(typeof(System.Text.Json.JsonException).FullName, report.ErrorType);
        Assert.Contains("cycle", report.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DurableTimer_OnAzureStorage_FiresNoMoreThanOneSecondEarly()
    {
        const int Seconds = 3;
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(TimerOrchestrator), Seconds, Deadline.Token());

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        // Queue visibility delays are whole seconds, so the timer message may surface up to 1 s before its due time.
        var elapsed = done.ReadOutputAs<double>();
        Assert.InRange(elapsed, Seconds - 1.0, Seconds + 20.0);
    }

    [Fact]
    public async Task Activity_ConstructorInjection_NewScopePerExecutionDisposedAfter()
    {
        var tracker = fixture.Host.Services.GetRequiredService<ScopeTracker>();
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(InjectionOrchestrator), 3, Deadline.Token());

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        var ids = done.ReadOutputAs<List<string>>()!;
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(tracker.Created, tracker.Disposed);
    }

    [Fact]
    public async Task Activity_DependencyMissingFromDI_FailsOnceNamingActivityAndCause()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(MisconfiguredCallerOrchestrator), "x", Deadline.Token());

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        var report = done.ReadOutputAs<FailureReport>()!;
        Assert.True(report.CausedByInvalidOperation);
        Assert.Contains($"activity '{nameof(MisconfiguredActivity)}' could not be created", report.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(nameof(UnregisteredDependency), report.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_OrchestratorNotRegistered_RefusedNamingTheKnownOnes()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator", "x", Deadline.Token()));

        Assert.Contains("'NoSuchOrchestrator' doesn't exist", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(SequenceOrchestrator), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubOrchestration_NotRegisteredInThisHost_ParentGetsOneFailureNamingIt()
    {
        // Only a client of another app (or an older build) could start it; the engine must fail it, not retry it forever.
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(MissingChildCallerOrchestrator), "x", Deadline.Token());

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Contains("'NoSuchChild' doesn't exist", done.ReadOutputAs<FailureReport>()!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubOrchestration_ContextParent_NamesTheCallingInstance()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(ParentOrchestrator), "x", Deadline.Token());

        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());

        Assert.Equal($"{nameof(ParentOrchestrator)}/{id}", done.ReadOutputAs<string>());
    }
}
