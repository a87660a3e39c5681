using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Infrastructure.Ingestion;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Tests.Ingestion;

/// <summary>
/// Processing's budget of deliveries at once, shrinking while the webhook edge is busy: a pure unit test of the controller
/// on the real <see cref="EdgeWriteGate"/> under a fake clock (the gate's writes here are held, never stored).
/// </summary>
public sealed class ProcessingBudgetTests : IDisposable
{
    private static readonly IngestionOptions Settings = new()
    {
        MaxConcurrentDeliveries = 16,
        ConcurrentDeliveriesWhileEdgeBusy = 2,
        EdgeQuietAfter = TimeSpan.FromSeconds(0.5),
        EdgeMaxConcurrentWrites = 32,
    };

    private readonly FakeTimeProvider _time = new();
    private readonly EdgeWriteGate _edge;
    private readonly ProcessingBudget _budget;
    private readonly List<(TaskCompletionSource Done, Task Write)> _edgeWrites = [];

    public ProcessingBudgetTests()
    {
        _edge = new EdgeWriteGate(Options.Create(Settings), _time);
        _budget = new ProcessingBudget(_edge, Options.Create(Settings), _time);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Limit_EdgeNeverBusy_IsTheFullBudget() => Assert.Equal(16, _budget.Limit);

    [Fact]
    public async Task Limit_WhileTheEdgeIsBusy_ShrinksToTheBusyBudget_AndDoublesBackToTheFullBudgetOnceQuiet()
    {
        HoldEdgeWrites(Settings.EdgeMaxConcurrentWrites / 8);
        Assert.True(_edge.IsBusy);
        Assert.Equal(2, _budget.Limit);

        // A burst stays busy however long it lasts.
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(2, _budget.Limit);

        await ReleaseEdgeWritesAsync();
        Assert.False(_edge.IsBusy);
        Assert.Equal(2, _budget.Limit);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(2, _budget.Limit);

        var limits = new List<int>();
        for (var step = 0; step < 5; step++)
        {
            _time.Advance(step == 0 ? TimeSpan.FromMilliseconds(1) : ProcessingBudget.GrowthStep);
            limits.Add(_budget.Limit);
        }

        Assert.Equal([4, 8, 16, 16, 16], limits);
    }

    [Fact]
    public async Task Limit_EdgeBusyAgainWhileGrowing_ShrinksAtOnce()
    {
        HoldEdgeWrites(Settings.EdgeMaxConcurrentWrites / 8);
        await ReleaseEdgeWritesAsync();
        _time.Advance(TimeSpan.FromSeconds(0.6));
        Assert.Equal(8, _budget.Limit);

        HoldEdgeWrites(Settings.EdgeMaxConcurrentWrites / 8);
        Assert.Equal(2, _budget.Limit);
    }

    [Fact]
    public async Task RunAsync_WhileTheEdgeIsBusy_RunsOnlyTheBusyBudget_AndEveryDeliveryOnceTheEdgeQuietens()
    {
        HoldEdgeWrites(Settings.EdgeMaxConcurrentWrites / 8);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var work = Enumerable.Range(0, 10).Select(_ => _budget.RunAsync(
            async () =>
            {
                Interlocked.Increment(ref started);
                await release.Task;
            },
            Token)).ToList();

        await WaitUntilAsync(() => Volatile.Read(ref started) == 2 && _budget.Waiting == 8);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(2, _budget.Running);
        Assert.Equal(8, _budget.Waiting);

        // Quiet: the budget doubles every step and the waiting deliveries start, none left behind.
        await ReleaseEdgeWritesAsync();
        for (var step = 0; step < 10 && _budget.Running < 10; step++)
        {
            _time.Advance(ProcessingBudget.GrowthStep);
            await WaitUntilAsync(() => _budget.Running >= Math.Min(10, _budget.Limit));
        }

        await WaitUntilAsync(() => Volatile.Read(ref started) == 10);
        release.SetResult();
        await Task.WhenAll(work).WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.Equal(0, _budget.Running);
        Assert.Equal(0, _budget.Waiting);
    }

    [Fact]
    public async Task RunAsync_EdgeQuiet_NeverRunsMoreThanTheFullBudget()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = Enumerable.Range(0, 20).Select(_ => _budget.RunAsync(() => release.Task, Token)).ToList();

        await WaitUntilAsync(() => _budget.Running == 16);
        Assert.Equal(0, _budget.Waiting);
        release.SetResult();
        await Task.WhenAll(work).WaitAsync(TimeSpan.FromSeconds(10), Token);
    }

    [Fact]
    public void Validate_BusyBudgetAboveTheFullBudget_IsRejected()
    {
        var options = new IngestionOptions { MaxConcurrentDeliveries = 4, ConcurrentDeliveriesWhileEdgeBusy = 8 };
        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();
        Assert.Contains(nameof(IngestionOptions.ConcurrentDeliveriesWhileEdgeBusy), Assert.Single(errors).MemberNames);
    }

    public void Dispose()
    {
        _edgeWrites.ForEach(held => held.Done.TrySetResult());
        _budget.Dispose();
        _edge.Dispose();
    }

    /// <summary>Webhooks in flight at the edge: <paramref name="count"/> of its write turns, held until released.</summary>
    private void HoldEdgeWrites(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _edgeWrites.Add((done, _edge.RunAsync(_ => done.Task, Token)));
        }
    }

    private async Task ReleaseEdgeWritesAsync()
    {
        _edgeWrites.ForEach(held => held.Done.TrySetResult());
        await Task.WhenAll(_edgeWrites.Select(held => held.Write)).WaitAsync(TimeSpan.FromSeconds(10), Token);
    }

    /// <summary>Waits in real time (continuations run on the thread pool) for a condition the fake clock set up.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not so within 10 s");
            await Task.Delay(5, Token);
        }
    }
}
