using System.Globalization;
using Microsoft.Azure.Cosmos;
using Xunit;

namespace ServerlessOps.Testing.Emulators;

/// <summary>
/// The Cosmos DB REST server (npm <c>@vercel/cosmosdb-server</c>, through infra/local/cosmos-server.js) on a
/// free 127.0.0.1 port, killed on dispose. Usable as an xunit class, collection or assembly fixture.
/// </summary>
/// <remarks>
/// See shared/LOCAL-STACK.md for what the server supports: point reads and writes, ETags, patch, pull change
/// feed, and single-partition queries with <c>EnableOptimisticDirectExecution</c>; no query plans, no batch.
/// </remarks>
public sealed class CosmosServerFixture : IAsyncLifetime
{
    /// <summary>The Cosmos emulator's well-known key; the server accepts any key.</summary>
    public const string AccountKey =
        "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private const int StartAttempts = 3;

    private EmulatorProcess? _process;

    /// <summary>The port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary><c>https://127.0.0.1:{Port}/</c>.</summary>
    public Uri Endpoint => new($"https://127.0.0.1:{Port}/");

    /// <summary><c>AccountEndpoint=https://127.0.0.1:{Port}/;AccountKey=...;</c></summary>
    public string ConnectionString => $"AccountEndpoint={Endpoint};AccountKey={AccountKey};";

    /// <summary>Accepts the server's self-signed certificate for <see cref="Endpoint"/> only.</summary>
    public EmulatorCertificatePolicy CertificatePolicy => new(Endpoint);

    /// <summary>The node process id.</summary>
    public int ProcessId => Process.ProcessId;

    private EmulatorProcess Process =>
        _process ?? throw new InvalidOperationException("CosmosServerFixture is not started: await InitializeAsync or StartAsync first.");

    /// <summary>Starts the server for callers outside xunit (benchmarks, tools). Dispose the result to stop it.</summary>
    public static async Task<CosmosServerFixture> StartAsync(CancellationToken cancellationToken = default)
    {
        var fixture = new CosmosServerFixture();
        await fixture.StartCoreAsync(cancellationToken);
        return fixture;
    }

    /// <summary>
    /// A client for this server, set up as LOCAL-STACK.md requires: Gateway mode, <c>LimitToEndpoint</c>, and an
    /// HttpClient that accepts the self-signed certificate for this host:port only. Those three settings override
    /// the same ones in <paramref name="options"/>; every other option is kept. The caller disposes the client.
    /// </summary>
    public CosmosClient CreateClient(CosmosClientOptions? options = null)
    {
        _ = Process;
        options ??= new CosmosClientOptions();
        var policy = CertificatePolicy;
        options.ConnectionMode = ConnectionMode.Gateway;
        options.LimitToEndpoint = true;
        options.HttpClientFactory = () => new HttpClient(policy.CreateHandler(), disposeHandler: true);
        return new CosmosClient(Endpoint.ToString(), AccountKey, options);
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync() =>
        await StartCoreAsync(TestContext.Current.CancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            await process.DisposeAsync();
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("CosmosServerFixture is already started.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            string[] arguments = ["cosmos-server.js", "--port", port.ToString(CultureInfo.InvariantCulture)];
            try
            {
                _process = await EmulatorProcess.StartNodeAsync("Cosmos server", arguments, [port], cancellationToken: cancellationToken);
                Port = port;
                return;
            }
            catch (EmulatorStartException ex) when (ex.ProcessExited && attempt < StartAttempts)
            {
                // Most likely the port picked as free was taken before the server bound it: pick another.
            }
        }
    }
}
