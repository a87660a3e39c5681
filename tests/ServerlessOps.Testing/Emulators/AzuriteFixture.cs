using Xunit;

namespace ServerlessOps.Testing.Emulators;

/// <summary>
/// Azurite (Blob, Queue, Table) in memory on three free 127.0.0.1 ports, started from
/// infra/local/node_modules and killed on dispose. Usable as an xunit class, collection or assembly fixture.
/// </summary>
/// <remarks>
/// <para>Share one per test assembly and give every test its own table, queue or container name.</para>
/// <para>
/// Each service runs as its own node process (Azurite's azurite-blob, azurite-queue and azurite-table entry
/// points) rather than all three in one: one node event loop per service, so a webhook's blob upload and
/// queue send are not served one after the other by a single thread (measured: 880 vs 1,060 blob+queue
/// pairs/s on 2 cores). The per-request access log is off (--silent): writing and reading it cost ~10%.
/// </para>
/// <para>
/// infra/local/azurite-store-fixes.js is preloaded: without it each queue request re-sorts indices over every message
/// stored, and the store's 60-second sweep freezes a process that carried a few thousand messages for tens of
/// seconds (what it fixes and the measurements are in that file).
/// </para>
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account name.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development account key (public; not a secret).</summary>
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>
    /// Node's first old-generation limit, in MB. The in-memory store keeps every blob on the heap, and with
    /// V8's default limit Azurite's blob process ran a full mark-compact about every 4 s at 500 uploads/s,
    /// each one a 40-150 ms stall of every request in flight (two clients see it in the same seconds). With
    /// 1 GB: one in 20 s, and the p99 of bare uploads at 500/s went from 14-37 ms to 10-13 ms.
    /// </summary>
    public const string NodeHeapFlag = "--initial-old-space-size=1024";

    private const int StartAttempts = 3;

    private IReadOnlyList<EmulatorProcess>? _processes;

    /// <summary>Blob endpoint port.</summary>
    public int BlobPort { get; private set; }

    /// <summary>Queue endpoint port.</summary>
    public int QueuePort { get; private set; }

    /// <summary>Table endpoint port.</summary>
    public int TablePort { get; private set; }

    /// <summary>The ids of the three node processes: blob, queue, table.</summary>
    public IReadOnlyList<int> ProcessIds => [.. Processes.Select(process => process.ProcessId)];

    /// <summary>The blob service's process (raw deliveries, reports), e.g. to pause it with <see cref="ProcessPause"/>.</summary>
    public int BlobProcessId => Processes[0].ProcessId;

    /// <summary>The queue service's process, to pause or kill on its own.</summary>
    public int QueueProcessId => Processes[1].ProcessId;

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

    private IReadOnlyList<EmulatorProcess> Processes =>
        _processes ?? throw new InvalidOperationException("AzuriteFixture is not started: await InitializeAsync or StartAsync first.");

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
        if (_processes is { } processes)
        {
            _processes = null;
            await StopAsync(processes);
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        if (_processes is not null)
        {
            throw new InvalidOperationException("AzuriteFixture is already started.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePort.Next(3);
            var starts = new[]
            {
                StartServiceAsync("blob", ports[0], cancellationToken),
                StartServiceAsync("queue", ports[1], cancellationToken),
                StartServiceAsync("table", ports[2], cancellationToken),
            };
            try
            {
                await Task.WhenAll(starts);
                _processes = [.. starts.Select(start => start.Result)];
                (BlobPort, QueuePort, TablePort) = (ports[0], ports[1], ports[2]);
                return;
            }
            catch (Exception)
            {
                await StopAsync(starts.Where(start => start.IsCompletedSuccessfully).Select(start => start.Result));
                if (attempt >= StartAttempts || cancellationToken.IsCancellationRequested || !OnlyExitedEarly(starts))
                {
                    throw;
                }

                // Most likely a port picked as free was taken before Azurite bound it: pick new ones.
            }
        }
    }

    private static bool OnlyExitedEarly(IEnumerable<Task<EmulatorProcess>> starts) =>
        starts.All(start => start.IsCompletedSuccessfully || start.Exception?.InnerException is EmulatorStartException { ProcessExited: true });

    private static Task<EmulatorProcess> StartServiceAsync(string service, int port, CancellationToken cancellationToken)
    {
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] arguments =
        [
            "--require", Path.Combine(RepositoryPaths.LocalStack, "exit-with-parent.js"),
            "--require", Path.Combine(RepositoryPaths.LocalStack, "request-counter.js"),
            "--require", Path.Combine(RepositoryPaths.LocalStack, "azurite-store-fixes.js"),
            NodeHeapFlag,
            Path.Combine("node_modules", "azurite", "dist", "src", service, "main.js"),
            "--inMemoryPersistence",
            "--disableTelemetry",
            "--skipApiVersionCheck",
            "--loose",
            "--silent",
            $"--{service}Host", "127.0.0.1", $"--{service}Port", portText,
        ];
        return EmulatorProcess.StartNodeAsync($"Azurite {service}", arguments, [port], cancellationToken: cancellationToken);
    }

    private static async Task StopAsync(IEnumerable<EmulatorProcess> processes) =>
        await Task.WhenAll(processes.Select(process => process.DisposeAsync().AsTask()));
}
