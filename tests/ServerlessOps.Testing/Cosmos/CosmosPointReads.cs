using Microsoft.Azure.Cosmos;

namespace ServerlessOps.Testing.Cosmos;

/// <summary>
/// Counts the point reads (<c>GET …/docs/{id}</c>) a test cares about, as a Cosmos request handler in front of the SDK: the
/// test builds the client the code under test uses with it. <paramref name="counts"/> picks them from the request's
/// unescaped path (e.g. <c>…/colls/orders/docs/shopify:1001</c>, <c>…/docs/push|shopify|SKU</c>) and its partition key
/// header (the JSON array Cosmos receives, e.g. <c>["brand-a|MUG"]</c>; null when the request has none).
/// </summary>
public sealed class CosmosPointReads(Func<string, string?, bool> counts) : RequestHandler
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == HttpMethod.Get
            && request.RequestUri is { } uri
            && counts(Uri.UnescapeDataString(uri.OriginalString), request.Headers["x-ms-documentdb-partitionkey"]))
        {
            Interlocked.Increment(ref _count);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
