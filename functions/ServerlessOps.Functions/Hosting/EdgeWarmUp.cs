using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Webhooks;
using ServerlessOps.Infrastructure.Storage;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ServerlessOps.Functions.Hosting;

/// <summary>
/// Takes a new instance's first-webhook costs before marketplaces reach it. The ingest benchmark's burst at an idle
/// app (500 webhooks/s) waited 80-190 ms in its first 100 ms, while a run that sent five deliveries first did not:
/// the first requests paid for opening connections and for code running the first time, then for the runtime
/// re-compiling the hottest code optimised (after about 30 calls) while the burst went on. So, once the server
/// listens: the bundler writes and deletes a synthetic bundle and reads its queue, the acknowledgement's JSON is
/// written as often as a hot path is, each channel's path from account to bundle runs in memory on synthetic
/// deliveries (<see cref="WebhookPathWarmUp"/>), the deliveries they became are stored for real through the edge's write
/// gate and a bundler bound to a warm-up queue of its own, deleted after (<see cref="EdgeStoreWarmUp"/>), and (where the
/// app serves HTTP itself) each channel's webhook route
/// is called over loopback with an empty body, which the edge refuses with a 400 before identifying any account, so
/// nothing is stored, counted or alerted. <c>/api/health</c> answers 503 "warming up" until this is done, at most
/// <see cref="Limit"/>; a warm-up that fails is logged and the instance serves anyway, only colder.
/// </summary>
public sealed partial class EdgeWarmUp(
    DeliveryBundler bundler,
    WebhookPathWarmUp webhookPath,
    EdgeStoreWarmUp storePath,
    IHostApplicationLifetime lifetime,
    IOptions<HttpJsonOptions> json,
    EdgeWarmUp.Options options,
    ILogger<EdgeWarmUp> logger,
    IServer? server = null) : BackgroundService
{
    /// <summary>The longest an instance reports itself warming up.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Rounds of loopback calls: enough for the request path to pass the runtime's 30 calls before it is
    /// re-compiled optimised. With 2 rounds the benchmark's burst still met p99 &lt; 50 ms in 3 of 5 runs; with 20 (and
    /// the synthetic bundle and acknowledgements), 4 of 5, with Azurite alone at 28-54 ms in the same runs.
    /// </summary>
    private const int HttpRounds = 20;

    /// <summary>
    /// Calls at once per channel and round: a burst opens dozens of connections in its first 100 ms, and the
    /// runtime's pools grow for them here instead.
    /// </summary>
    private const int CallsAtOnce = 8;

    /// <summary>Serialisations of the acknowledgement, past the runtime's 30 calls.</summary>
    private const int AcknowledgementsToOptimise = 40;

    /// <summary>Time for the runtime's background compiler to finish what the calls queued (it waits 100 ms first).</summary>
    private static readonly TimeSpan Recompilation = TimeSpan.FromMilliseconds(300);

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the app serves HTTP itself (the standalone host), so loopback calls reach the edge's code.
    /// Under the Functions host, requests arrive through the host, and calling the worker directly would not.</summary>
    public sealed record Options(bool OverHttp);

    public bool IsWarm => _done.Task.IsCompleted;

    /// <summary>Completes when the warm-up has run (or failed, or reached <see cref="Limit"/>).</summary>
    public Task WhenWarm => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await WaitForServerAsync(stoppingToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            limit.CancelAfter(Limit);
            var clock = Stopwatch.StartNew();
            await bundler.WarmUpAsync(limit.Token);
            for (var i = 0; i < AcknowledgementsToOptimise; i++)
            {
                _ = JsonSerializer.SerializeToUtf8Bytes(new WebhookAcknowledgement("warm-up", "accepted"), json.Value.SerializerOptions);
            }

            var paths = await webhookPath.RunAsync(limit.Token);
            foreach (var (channel, passed, calls, _) in paths)
            {
                if (passed == calls)
                {
                    LogPathWarm(logger, channel, passed, calls);
                }
                else
                {
                    LogPathPartlyWarm(logger, channel, passed, calls);
                }
            }

            var store = await storePath.RunAsync([.. paths.Select(p => p.Delivery).OfType<RawDelivery>()], limit.Token);
            if (store.Stored == store.Tried && store.Tried > 0)
            {
                LogStorePathWarm(logger, store.Stored, store.Tried, store.Messages, store.Queue);
            }
            else
            {
                LogStorePathPartlyWarm(logger, store.Stored, store.Tried, store.Queue);
            }

            if (options.OverHttp && LoopbackAddress() is { } address)
            {
                await CallWebhookRoutesAsync(address, limit.Token);
            }

            await Task.Delay(Recompilation, limit.Token);

            LogWarm(logger, clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogWarmUpFailed(logger, e);
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    private Task WaitForServerAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    private Uri? LoopbackAddress() =>
        server?.Features.Get<IServerAddressesFeature>()?.Addresses.Select(a => new Uri(a)).FirstOrDefault(a => a.IsLoopback);

    private static async Task CallWebhookRoutesAsync(Uri address, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = Limit };
        for (var round = 0; round < HttpRounds; round++)
        {
            await Task.WhenAll(Enum.GetValues<SalesChannel>().SelectMany(channel => Enumerable.Repeat(channel, CallsAtOnce)).Select(async channel =>
            {
                using var empty = new ByteArrayContent([]);
                empty.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(new Uri($"api/webhooks/{channel.Slug()}", UriKind.Relative), empty, cancellationToken);
            }));
        }
    }

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information, Message = "Webhook edge warmed up in {Milliseconds} ms")]
    private static partial void LogWarm(ILogger logger, long milliseconds);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information,
        Message = "Webhook path of {Channel} warmed in memory: {Passed} of {Calls} synthetic deliveries located, authenticated, read and bundled")]
    private static partial void LogPathWarm(ILogger logger, SalesChannel channel, int passed, int calls);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Warning,
        Message = "Webhook path of {Channel} only partly warmed: {Passed} of {Calls} synthetic deliveries passed every step; its first real deliveries pay for the rest")]
    private static partial void LogPathPartlyWarm(ILogger logger, SalesChannel channel, int passed, int calls);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Information,
        Message = "Webhook store path warmed: {Stored} of {Tried} synthetic deliveries stored through the write gate and a bundler, in {Messages} queue messages on warm-up queue {Queue}, deleted")]
    private static partial void LogStorePathWarm(ILogger logger, int stored, int tried, int messages, string queue);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Warning,
        Message = "Webhook store path only partly warmed: {Stored} of {Tried} synthetic deliveries stored on warm-up queue {Queue} (deleted); the first real bundles pay for the rest")]
    private static partial void LogStorePathPartlyWarm(ILogger logger, int stored, int tried, string queue);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Webhook edge warm-up failed; serving anyway, the first webhooks pay for it")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}
