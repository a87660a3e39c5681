using System.Collections.Concurrent;
using Microsoft.Azure.Cosmos;
using ServerlessOps.Infrastructure.Alerts;

namespace ServerlessOps.Infrastructure.Tests.Alerts;

/// <summary>
/// Holds the next point reads of a brand's open-alert rollup, one per <see cref="HoldNext"/>, until the test releases
/// them: a writer of the rollup's group commit stopped inside its batch, for as long as the test needs to line up
/// callers behind it.
/// </summary>
internal sealed class RollupReadGate : RequestHandler
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
            && Uri.UnescapeDataString(uri.OriginalString).EndsWith("/docs/" + AlertRollupDocument.RollupId, StringComparison.Ordinal)
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
