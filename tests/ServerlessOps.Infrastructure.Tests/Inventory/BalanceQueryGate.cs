using Microsoft.Azure.Cosmos;

namespace ServerlessOps.Infrastructure.Tests.Inventory;

/// <summary>
/// Once armed, holds the first query of balances (a ledger read's, the one that finishes pending entries) until the test
/// releases it, so the test can move the ledger on while the read sits between its queries.
/// </summary>
internal sealed class BalanceQueryGate : RequestHandler
{
    private int _armed;
    private int _held;

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Arm() => Volatile.Write(ref _armed, 1);

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _armed) == 1 && request.Method == HttpMethod.Post && request.Content is { } content)
        {
            // A query's body names the document type it asks for; the stream is copied so the request still sends it.
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, cancellationToken);
            request.Content = new MemoryStream(copy.ToArray(), writable: false);
            var body = System.Text.Encoding.UTF8.GetString(copy.ToArray());
            if (body.Contains("stockBalance", StringComparison.Ordinal) && Interlocked.Exchange(ref _held, 1) == 0)
            {
                Entered.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
