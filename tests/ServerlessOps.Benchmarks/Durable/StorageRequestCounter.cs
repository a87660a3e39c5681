using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Benchmarks.Durable;

/// <summary>
/// Counts every HTTP request the engine's storage clients send (retries included), by service and method. It sits
/// in each blob, queue and table client's pipeline (ConfigureStandaloneDurableStorageClients); the service is told
/// by Azurite's port.
/// </summary>
internal sealed class StorageRequestCounter(AzuriteFixture azurite) : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentDictionary<string, long> _byKind = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref _total);
        var port = message.Request.Uri.Port;
        var service = port == azurite.QueuePort ? "queue" : port == azurite.TablePort ? "table" : "blob";
        _byKind.AddOrUpdate($"{service} {message.Request.Method}", 1, (_, n) => n + 1);
    }

    /// <summary>Counts so far by "service METHOD", e.g. "queue GET" (a receive or peek) or "table POST" (a batch).</summary>
    public Dictionary<string, long> Snapshot() => new(_byKind);
}
