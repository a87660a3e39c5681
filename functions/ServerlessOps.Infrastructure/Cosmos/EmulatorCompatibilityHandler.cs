using System.Text.RegularExpressions;
using Microsoft.Azure.Cosmos;

namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>
/// Installed only with <see cref="CosmosOptions.AcceptEmulatorCertificate"/> (the local <c>@vercel/cosmosdb-server</c>):
/// makes two of its answers look like real Cosmos DB's, so the stores run the same code in both places.
/// <list type="number">
/// <item>A point read of a missing document crashes the server (500 "Cannot read properties of undefined")
/// instead of answering 404, unless the request says <c>x-ms-documentdb-query-enablecrosspartition</c>, which makes it
/// skip that broken check and answer 404 by (partition key, id) as Cosmos does.</item>
/// <item>Cosmos marks every page of a single-partition query with
/// <c>x-ms-cosmos-query-requiresdistribution: false</c>; the server sends no such header, and without it the SDK's
/// optimistic direct execution assumes the query needs distribution as soon as a page carries a continuation,
/// and asks for a query plan the server cannot give. The header is added to pages that have a continuation.</item>
/// </list>
/// </summary>
internal sealed partial class EmulatorCompatibilityHandler : RequestHandler
{
    private const string EnableCrossPartition = "x-ms-documentdb-query-enablecrosspartition";
    private const string RequiresDistribution = "x-ms-cosmos-query-requiresdistribution";

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == HttpMethod.Get && request.RequestUri is { } uri && PointReadPath().IsMatch(uri.OriginalString))
        {
            request.Headers.Set(EnableCrossPartition, "true");
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Post
            && response.IsSuccessStatusCode
            && response.Headers.ContinuationToken is not null
            && response.Headers[RequiresDistribution] is null)
        {
            response.Headers.Set(RequiresDistribution, "false");
        }

        return response;
    }

    [GeneratedRegex("/docs/[^/]+/?$", RegexOptions.CultureInvariant)]
    private static partial Regex PointReadPath();
}
