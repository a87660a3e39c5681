using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Testing.Faults;

/// <summary>
/// One <see cref="FaultProxy"/> in front of each of Azurite's three services (the account's endpoints are three ports, and
/// a request's path does not tell its service), with a connection string that reaches all three through them.
/// </summary>
public sealed class StorageFaultProxies : IAsyncDisposable
{
    private StorageFaultProxies(FaultProxy blob, FaultProxy queue, FaultProxy table)
    {
        Blob = blob;
        Queue = queue;
        Table = table;
    }

    public FaultProxy Blob { get; }

    public FaultProxy Queue { get; }

    public FaultProxy Table { get; }

    /// <summary>The development account through the proxies: use it for <c>Storage:ConnectionString</c> and <c>AzureWebJobsStorage</c>.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteFixture.AccountName};AccountKey={AzuriteFixture.AccountKey};" +
        $"BlobEndpoint={Blob.Endpoint};QueueEndpoint={Queue.Endpoint};TableEndpoint={Table.Endpoint};";

    public static async Task<StorageFaultProxies> StartAsync(AzuriteFixture azurite, int seed = 18, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var proxies = await Task.WhenAll(
            FaultProxy.StartAsync(azurite.BlobEndpoint, FaultDialect.Storage, seed, cancellationToken),
            FaultProxy.StartAsync(azurite.QueueEndpoint, FaultDialect.Storage, seed + 1, cancellationToken),
            FaultProxy.StartAsync(azurite.TableEndpoint, FaultDialect.Storage, seed + 2, cancellationToken));
        return new StorageFaultProxies(proxies[0], proxies[1], proxies[2]);
    }

    /// <summary>The same mix on all three services.</summary>
    public void SetFaults(FaultMix mix)
    {
        Blob.SetFaults(mix);
        Queue.SetFaults(mix);
        Table.SetFaults(mix);
    }

    public async ValueTask DisposeAsync()
    {
        await Blob.DisposeAsync();
        await Queue.DisposeAsync();
        await Table.DisposeAsync();
    }
}
