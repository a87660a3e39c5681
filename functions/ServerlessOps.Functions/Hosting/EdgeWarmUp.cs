using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Hosting;

/// <summary>
/// Takes a new instance's first-webhook costs before marketplaces reach it. The ingest benchmark's burst at an idle
/// app (500 webhooks/s) waited 80-190 ms in its first 100 ms, while a run that sent five deliveries first did not:
/// the first requests paid for opening the store's connections and for code running the first time. So, once the
/// server listens: the bundler writes and deletes a throwaway blob and reads its queue, and (where the app serves
/// HTTP itself) each channel's webhook route is called over loopback with an empty body, which the edge refuses with
/// a 400 before identifying any account, so nothing is stored, counted or alerted. <c>/api/health</c> answers 503
/// "warming up" until this is done, at most <see cref="Limit"/>; a warm-up that fails is logged and the instance
/// serves anyway, only colder.
/// </summary>
public sealed partial class EdgeWarmUp(
    DeliveryBundler bundler,
    IHostApplicationLifetime lifetime,
    EdgeWarmUp.Options options,
    ILogger<EdgeWarmUp> logger,
    IServer? server = null) : BackgroundService
{
    /// <summary>The longest an instance reports itself warming up.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>Rounds of loopback calls: the second finds the first's connections pooled, as later webhooks do.</summary>
    private const int HttpRounds = 2;

    /// <summary>
    /// Calls at once per channel and round. A burst opens dozens of connections in its first 100 ms; with the load
    /// generator's connections already open, the benchmark's first 100 ms took 20-25 ms instead of 60-120.
    /// </summary>
    private const int CallsAtOnce = 8;

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
            if (options.OverHttp && LoopbackAddress() is { } address)
            {
                await CallWebhookRoutesAsync(address, limit.Token);
            }

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

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Webhook edge warm-up failed; serving anyway, the first webhooks pay for it")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}
