using System.Diagnostics;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Tests.Push;

public sealed class SharedListingMarksTests
{
    private const string Key = "acme\nSKU-1\nwh-1";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CallersWhoseChangesWereStoredBeforeAMarkBegan_ShareIt()
    {
        var marks = new SharedListingMarks();
        var stored = Stopwatch.GetTimestamp();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        Task<int> Mark()
        {
            Interlocked.Increment(ref runs);
            return release.Task;
        }

        var first = marks.MarkOrShareAsync(Key, stored, Mark, Token);
        var others = Enumerable.Range(0, 10).Select(_ => marks.MarkOrShareAsync(Key, stored, Mark, Token)).ToList();
        release.SetResult(4);

        Assert.Equal(4, await first);
        Assert.All(await Task.WhenAll(others), queued => Assert.Equal(0, queued));
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task ACallerWhoseChangeCameAfterTheRunningMarkBegan_MarksForItself()
    {
        var marks = new SharedListingMarks();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        Task<int> Mark()
        {
            Interlocked.Increment(ref runs);
            return release.Task;
        }

        var first = marks.MarkOrShareAsync(Key, Stopwatch.GetTimestamp(), Mark, Token);
        var later = marks.MarkOrShareAsync(Key, Stopwatch.GetTimestamp(), Mark, Token);
        var otherSku = marks.MarkOrShareAsync("acme\nSKU-2\nwh-1", 0, Mark, Token);
        release.SetResult(1);
        await Task.WhenAll(first, later, otherSku);

        Assert.Equal(3, runs);
    }

    [Fact]
    public async Task WhenTheSharedMarkFails_EachCallerThatSharedItMarksForItself()
    {
        var marks = new SharedListingMarks();
        var stored = Stopwatch.GetTimestamp();
        var failing = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;

        var first = marks.MarkOrShareAsync(Key, stored, () => failing.Task, Token);
        var sharing = marks.MarkOrShareAsync(Key, stored, () =>
        {
            Interlocked.Increment(ref runs);
            return Task.FromResult(2);
        }, Token);
        failing.SetException(new TimeoutException("Cosmos did not answer"));

        await Assert.ThrowsAsync<TimeoutException>(() => first);
        Assert.Equal(2, await sharing);
        Assert.Equal(1, runs);
    }
}
