using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Functions.Webhooks;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Functions.Hosting;

/// <summary>
/// Runs each channel's webhook path in memory, as <see cref="WebhookReceiver"/> runs it for a real delivery, on a
/// <see cref="SyntheticDelivery"/>: locate the account, look it up in the brand directory, authenticate (the
/// channel's HMAC or credential check), the replay window, the headers kept, the envelope, the delivery key, the raw
/// delivery, and the queue message carrying the bundle that the bundler would send. Nothing is stored, counted or logged
/// per call; <see cref="EdgeStoreWarmUp"/> then stores the deliveries this made, on a warm-up queue of its own.
/// </summary>
/// <remarks>
/// Why: the loopback calls of <see cref="EdgeWarmUp"/> send empty bodies, refused with a 400 before any of this
/// runs, so the first real burst ran all of it for the first time and, after about 30 calls, waited while the runtime
/// re-compiled it optimised on one of the machine's two cores. Five real deliveries sent before a burst had brought its
/// first 100 ms to 29-32 ms; with only the empty-body warm-up, 48-108 ms (RELIABILITY section 6). The runtime counts
/// calls only once 100 ms have passed without new code being compiled, then promotes hot code in two steps (an
/// instrumented version, then the optimised one), so the calls come in <see cref="Passes"/> passes with a pause
/// between them rather than in one go.
/// </remarks>
public sealed class WebhookPathWarmUp(IBrandDirectorySource brands, IOptions<IngestionOptions> options, TimeProvider time)
{
    /// <summary>Synthetic deliveries per channel in each pass: past the runtime's 30 calls.</summary>
    public const int CallsPerPass = 40;

    /// <summary>Passes: one for first calls, one for each step of the runtime's promotion of hot code.</summary>
    public const int Passes = 3;

    /// <summary>Longer than the runtime's 100 ms wait before it starts counting calls.</summary>
    private static readonly TimeSpan BetweenPasses = TimeSpan.FromMilliseconds(150);

    /// <summary>
    /// One channel's part: how many of its synthetic deliveries went through every step, of how many run, and the raw
    /// delivery the last one became (for <see cref="EdgeStoreWarmUp"/>), if it passed.
    /// </summary>
    public sealed record Outcome(SalesChannel Channel, int Passed, int Calls, RawDelivery? Delivery);

    public async Task<IReadOnlyList<Outcome>> RunAsync(CancellationToken cancellationToken)
    {
        var synthetic = SyntheticDelivery.ForEveryChannel(time.GetUtcNow());
        var passed = new int[synthetic.Count];
        var last = new RawDelivery?[synthetic.Count];
        for (var pass = 0; pass < Passes; pass++)
        {
            for (var call = 0; call < CallsPerPass; call++)
            {
                var deliveries = new List<RawDelivery>(synthetic.Count);
                for (var i = 0; i < synthetic.Count; i++)
                {
                    if (Run(synthetic[i]) is { } delivery)
                    {
                        passed[i]++;
                        last[i] = delivery;
                        deliveries.Add(delivery);
                    }
                }

                var bundle = new RawDeliveryBundle(RawDeliveryBundle.NewBlobName(time.GetUtcNow()), deliveries);
                _ = DeliveryBundleMessage.TryInline(bundle, out var inline) ? inline.Length : bundle.ToBytes().Length;
            }

            // Real time, not the app's clock: it is the runtime's compiler that needs it.
            await Task.Delay(BetweenPasses, cancellationToken);
        }

        return [.. synthetic.Select((s, i) => new Outcome(s.Channel, passed[i], Passes * CallsPerPass, last[i]))];
    }

    /// <returns>The raw delivery the edge would store, or null when a step refused the synthetic delivery.</returns>
    private RawDelivery? Run(SyntheticDelivery synthetic)
    {
        var (channel, request, credentials) = synthetic;
        var adapter = WebhookChannels.For(channel);
        var account = adapter.LocateAccount(request);
        if (!account.IsSuccess)
        {
            return null;
        }

        // No brand holds the synthetic account, so this finds nothing; it is the lookup every real delivery makes.
        _ = brands.Current.TryResolve(channel, account.Value, out _);
        var now = time.GetUtcNow();
        if (!adapter.Authenticate(request, credentials)
            || WebhookReceiver.IsOutsideSignedTimestampWindow(channel, request, now, options.Value.SignedTimestampWindow))
        {
            return null;
        }

        var stored = WebhookHeaders.ForStorage(request.Headers, channel, credentials);
        var envelope = WebhookReceiver.ReadEnvelope(adapter, request);
        if (!envelope.IsSuccess)
        {
            return null;
        }

        var delivery = WebhookReceiver.ToDelivery(new ChannelAccount("_warm-up", channel, account.Value), envelope.Value, request, stored, now);
        _ = RawDeliveryBundle.SizeInBundle(delivery);
        return delivery;
    }
}
