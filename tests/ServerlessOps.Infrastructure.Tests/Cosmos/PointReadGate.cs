using System.Collections.Concurrent;
using Microsoft.Azure.Cosmos;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

/// <summary>
/// Holds the next point reads whose document path matches, one per <see cref="HoldNext"/>, until the test releases them:
/// a writer of a group commit (the ledger's balances, the alerts' rollup) stopped inside its batch, for as long as the
/// test needs to line up callers behind it.
/// </summary>
/// <param name="matches">Whether a read's unescaped request path is one to hold.</param>
internal sealed class PointReadGate(Func<string, bool> matches) : RequestHandler
{
    private readonly ConcurrentQueue<Hold> _holds = new();

    /// <param name="honourCancellation">Whether the held read ends when its caller gives up, as a real one would.</param>
    public Hold HoldNext(bool honourCancellation)
    {
        var hold = new Hold(honourCancellation);
        _holds.Enqueue(hold);
        return hold;
    }

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Get
            && request.RequestUri is { } uri
            && matches(Uri.UnescapeDataString(uri.OriginalString))
            && _holds.TryDequeue(out var hold))
        {
            hold.Entered.TrySetResult();
            await (hold.HonourCancellation ? hold.Release.Task.WaitAsync(cancellationToken) : hold.Release.Task);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>One held read: <see cref="Entered"/> once it arrived, sent on when <see cref="Release"/> completes.</summary>
    public sealed class Hold(bool honourCancellation)
    {
        public bool HonourCancellation { get; } = honourCancellation;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
