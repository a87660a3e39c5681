using Azure.Core.Pipeline;

namespace ServerlessOps.Infrastructure.Storage;

/// <summary>
/// The HTTP connections of the webhook edge's storage clients, apart from everyone else's. The Azure SDK shares
/// one unbounded connection pool across all clients by default, so processing's storage calls and the edge's
/// uploads queued on the same sockets, and a slow moment made the pool open a connection per waiting request.
/// Here the edge has its own pool, capped at its write concurrency (<see cref="IngestionOptions.EdgeMaxConcurrentWrites"/>)
/// and kept open between bursts, so a burst reuses warm connections instead of opening hundreds.
/// </summary>
public sealed class EdgeStorageTransport : IDisposable
{
    private readonly SocketsHttpHandler _handler;
    private readonly HttpClient _client;

    public EdgeStorageTransport(int maxConnections)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 1);
        _handler = new SocketsHttpHandler
        {
            // The blob write and the group-committed queue send share the pool; a few more than the write limit
            // leave the queue sends a connection while every write turn is taken.
            MaxConnectionsPerServer = maxConnections + 4,

            // An idle app keeps its connections for the next burst (the store closes them first if it wants to).
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        _client = new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        Transport = new HttpClientTransport(_client);
    }

    public HttpPipelineTransport Transport { get; }

    public void Dispose()
    {
        _client.Dispose();
        _handler.Dispose();
    }
}
