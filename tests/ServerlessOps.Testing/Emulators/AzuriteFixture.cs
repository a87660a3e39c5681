using Xunit;

namespace ServerlessOps.Testing.Emulators;

/// <summary>
/// Azurite (Blob, Queue, Table) in memory on three free 127.0.0.1 ports, started from
/// infra/local/node_modules and killed on dispose. Usable as an xunit class, collection or assembly fixture.
/// </summary>
/// <remarks>Share one per test assembly and give every test its own table, queue or container name.</remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account name.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development account key (public; not a secret).</summary>
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const int StartAttempts = 3;

    private EmulatorProcess? _process;

    /// <summary>Blob endpoint port.</summary>
    public int BlobPort { get; private set; }

    /// <summary>Queue endpoint port.</summary>
    public int QueuePort { get; private set; }

    /// <summary>Table endpoint port.</summary>
    public int TablePort { get; private set; }

    /// <summary>The node process id.</summary>
    public int ProcessId => Process.ProcessId;

    /// <summary>Blob endpoint, <c>http://127.0.0.1:{BlobPort}/devstoreaccount1</c>.</summary>
    public Uri BlobEndpoint => new($"http://127.0.0.1:{BlobPort}/{AccountName}");

    /// <summary>Queue endpoint, <c>http://127.0.0.1:{QueuePort}/devstoreaccount1</c>.</summary>
    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/{AccountName}");

    /// <summary>Table endpoint, <c>http://127.0.0.1:{TablePort}/devstoreaccount1</c>.</summary>
    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{AccountName}");

    /// <summary>A storage connection string for the development account with all three endpoints.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    private EmulatorProcess Process =>
        _process ?? throw new InvalidOperationException("AzuriteFixture is not started: await InitializeAsync or StartAsync first.");

    /// <summary>Starts Azurite for callers outside xunit (benchmarks, tools). Dispose the result to stop it.</summary>
    public static async Task<AzuriteFixture> StartAsync(CancellationToken cancellationToken = default)
    {
        var fixture = new AzuriteFixture();
        await fixture.StartCoreAsync(cancellationToken);
        return fixture;
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
            throw new InvalidOperationException("AzuriteFixture is already started.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePort.Next(3);
            try
            {
                _process = await EmulatorProcess.StartNodeAsync("Azurite", Arguments(ports), ports, cancellationToken: cancellationToken);
                (BlobPort, QueuePort, TablePort) = (ports[0], ports[1], ports[2]);
                return;
            }
            catch (EmulatorStartException ex) when (ex.ProcessExited && attempt < StartAttempts)
            {
                // Most likely a port picked as free was taken before Azurite bound it: pick new ones.
            }
        }
    }

    private static string[] Arguments(IReadOnlyList<int> ports) =>
    [
        "--require", Path.Combine(RepositoryPaths.LocalStack, "exit-with-parent.js"),
        Path.Combine("node_modules", "azurite", "dist", "src", "azurite.js"),
        "--inMemoryPersistence",
        "--disableTelemetry",
        "--skipApiVersionCheck",
        "--loose",
        "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
    ];
}
