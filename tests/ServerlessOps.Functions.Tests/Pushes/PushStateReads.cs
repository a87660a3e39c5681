using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Functions.Tests.Pushes;

/// <summary>
/// Counts the app's point reads of one SKU's listing push states, as a Cosmos request handler in front of the SDK:
/// <see cref="Install"/> gives the app a Cosmos client with it (the app's own handlers follow).
/// </summary>
internal sealed class PushStateReads(string sku) : RequestHandler
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Install(IServiceCollection services) =>
        services.AddSingleton(sp => CosmosClientFactory.Create(sp.GetRequiredService<IOptions<CosmosOptions>>().Value, handlers: [this]));

    public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == HttpMethod.Get
            && request.RequestUri is { } uri
            && Uri.UnescapeDataString(uri.OriginalString).Contains("/docs/push|", StringComparison.Ordinal)
            && request.Headers["x-ms-documentdb-partitionkey"] is { } partition
            && partition.Contains($"|{sku}\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
