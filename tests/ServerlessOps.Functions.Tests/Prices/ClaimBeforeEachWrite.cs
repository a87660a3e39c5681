using Microsoft.Azure.Cosmos;

namespace ServerlessOps.Functions.Tests.Prices;

/// <summary>
/// A Cosmos DB request handler that, before each replace of one document, runs a competing write (a price set's claim)
/// first, a given number of times: so the replace meets a concurrent change on every attempt, deterministically, which a
/// race left to the scheduler only does sometimes. The competing write's own requests pass untouched.
/// </summary>
internal sealed class ClaimBeforeEachWrite(string documentId) : RequestHandler
{
    private readonly AsyncLocal<bool> _competing = new();
    private int _remaining;

    /// <summary>The competing write, run through the same client (its requests are not intercepted).</summary>
    public Func<CancellationToken, Task>? Compete { get; set; }

    /// <summary>How many replaces from now on meet a competing write first.</summary>
    public void Arm(int times) => Volatile.Write(ref _remaining, times);

    public int Remaining => Volatile.Read(ref _remaining);

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        if (!_competing.Value
            && request.Method == HttpMethod.Put
            && request.RequestUri is { } uri
            && Uri.UnescapeDataString(uri.OriginalString).EndsWith("/docs/" + documentId, StringComparison.Ordinal)
            && Compete is { } compete
            && Interlocked.Decrement(ref _remaining) >= 0)
        {
            _competing.Value = true;
            try
            {
                await compete(cancellationToken);
            }
            finally
            {
                _competing.Value = false;
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
