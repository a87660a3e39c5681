using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Domain.Privacy;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Infrastructure.Privacy;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Timers;

/// <summary>
/// Hourly, raises to the brand's data owner (<see cref="AlertKind.PrivacyRequestStuck"/>, one alert per thing however
/// often it is seen) every privacy request that cannot complete while Shopify's 30 days run: a request still Received
/// <see cref="PrivacyOptions.StuckAfter"/> after it arrived (its delivery keeps failing, or sits in quarantine), and a
/// privacy delivery in quarantine that no uncompleted request records (it failed before the request was recorded, so
/// there is no request to see) unless the request it carries was completed through another delivery of it. Each run
/// resolves the alerts of requests completed and deliveries replayed (or whose request was completed) since.
/// Reads per brand: the brand's requests not completed and its open quarantine entries (single-partition queries
/// filtered on state, so completed requests kept as evidence are not read again), then point reads, and the blob of
/// each quarantined privacy delivery no open request lists.
/// </summary>
public sealed class FindStuckPrivacyRequests(
    IPrivacyRequestStore requests, IQuarantineStore quarantine, PrivacyRequestOfDelivery requestOf, IAlertRaiser alerts, IAlertStore alertStore, AlertBrandIds brands,
    IOptionsMonitor<PrivacyOptions> options, TimeProvider time, ILogger<FindStuckPrivacyRequests> logger)
    : ITimerFunction
{
    /// <summary>Minute 55 of every hour (NCRONTAB with seconds, UTC): away from the other hourly timers.</summary>
    public const string Cron = "0 55 * * * *";

    public string Name => nameof(FindStuckPrivacyRequests);

    public string Schedule => Cron;

    [Function(nameof(FindStuckPrivacyRequests))]
    public Task RunAsync([TimerTrigger(Cron)] TimerInfo timer, CancellationToken cancellationToken) => FindAsync(cancellationToken);

    public Task RunAsync(CancellationToken cancellationToken) => FindAsync(cancellationToken);

    /// <returns>How many stuck requests and quarantined privacy deliveries were raised.</returns>
    public async Task<int> FindAsync(CancellationToken cancellationToken)
    {
        var stuckAfter = options.CurrentValue.StuckAfter;
        var before = time.GetUtcNow() - stuckAfter;
        var raised = 0;
        foreach (var brandId in brands.Current())
        {
            var open = await requests.ListOpenAsync(brandId, cancellationToken);
            var current = new HashSet<AlertSubject>();
            foreach (var request in open.Where(r => r.ReceivedAt <= before))
            {
                await RaiseRequestAsync(request, stuckAfter, cancellationToken);
                current.Add(AlertSubject.PrivacyRequest(request.Id));
                raised++;
            }

            // A delivery of a request still open is that request's problem (raised above once past the threshold); one
            // never recorded, or recorded by a request completed through another delivery, has no other alert, unless the
            // request its body names was completed: then nothing is left for it to do.
            var ofOpenRequests = open.SelectMany(r => r.DeliveryKeys).ToHashSet(StringComparer.Ordinal);
            var entries = await quarantine.ListAsync(brandId, QuarantineState.Open, cancellationToken);
            var completedElsewhere = new Dictionary<string, PrivacyRequest>(StringComparer.Ordinal);
            foreach (var entry in entries.Where(e => IsPrivacyDelivery(e) && !ofOpenRequests.Contains(e.DeliveryKey)))
            {
                if (await CompletedRequestOfAsync(entry, cancellationToken) is { } completed)
                {
                    completedElsewhere[entry.DeliveryKey] = completed;
                    continue;
                }

                await RaiseQuarantinedAsync(entry, cancellationToken);
                current.Add(AlertSubject.QuarantinedDelivery(entry.DeliveryKey));
                raised++;
            }

            await ResolveFinishedAsync(brandId, open, completedElsewhere, current, cancellationToken);
        }

        return raised;
    }

    private static bool IsPrivacyDelivery(QuarantinedDelivery entry) =>
        entry.Channel == SalesChannel.Shopify && ShopifyPrivacyRequestReader.IsPrivacyTopic(entry.Topic);

    /// <summary>
    /// The completed request a quarantined copy carries when nothing is left for it to do: Shopify sent the request
    /// again and that copy completed it (a customers/redact run also redacts the quarantined copies of its buyer). Null
    /// while it is the only way the request can be done: never recorded, still open, or a customers/redact copy that
    /// still holds the buyer's email or phone (it arrived after the run, so only its replay erases them).
    /// </summary>
    private async Task<PrivacyRequest?> CompletedRequestOfAsync(QuarantinedDelivery entry, CancellationToken cancellationToken) =>
        await requestOf.FindAsync(entry.RawBlobName, cancellationToken) is (var request, var holdsBuyerContact)
        && request.State == PrivacyRequestState.Completed
        && !(request.Kind == PrivacyRequestKind.CustomerRedact && holdsBuyerContact)
            ? request
            : null;

    private async Task RaiseRequestAsync(PrivacyRequest request, TimeSpan stuckAfter, CancellationToken cancellationToken)
    {
        var topic = ShopifyPrivacyRequestReader.TopicOf(request.Kind);
        logger.PrivacyRequestStuck(request.BrandId, request.Id, topic, request.ReceivedAt, request.DueBy);
        await alerts.RaiseAsync(
            new AlertRaise(request.BrandId, AlertKind.PrivacyRequestStuck, AlertSubject.PrivacyRequest(request.Id),
                $"The {request.Channel} {topic} request {request.Id} received at {request.ReceivedAt:u} is not completed after "
                + $"{stuckAfter.TotalHours:0.#} h; it must be acted on by {request.DueBy:u}. Its delivery keeps failing or sits in quarantine "
                + $"(GET /api/brands/{request.BrandId}/quarantine, deliveries {string.Join(", ", request.DeliveryKeys.Take(5))}): once the cause is "
                + "fixed, replaying the delivery resumes the request where it stopped.")
            {
                Channel = request.Channel,
                Evidence = new Dictionary<string, string>
                {
                    ["requestId"] = request.Id,
                    ["topic"] = topic,
                    ["receivedAt"] = request.ReceivedAt.ToString("O", CultureInfo.InvariantCulture),
                    ["dueBy"] = request.DueBy.ToString("O", CultureInfo.InvariantCulture),
                },
            },
            cancellationToken);
    }

    private async Task RaiseQuarantinedAsync(QuarantinedDelivery entry, CancellationToken cancellationToken)
    {
        logger.PrivacyDeliveryQuarantined(entry.BrandId, entry.DeliveryKey, entry.Topic, entry.QuarantinedAt);
        await alerts.RaiseAsync(
            new AlertRaise(entry.BrandId, AlertKind.PrivacyRequestStuck, AlertSubject.QuarantinedDelivery(entry.DeliveryKey),
                $"The {entry.Channel} {entry.Topic} delivery {entry.DeliveryKey} is in quarantine since {entry.QuarantinedAt:u}, so its privacy "
                + $"request may not even be recorded; the channel's 30 days run from its receipt. Once the cause is fixed, replay it "
                + $"(POST /api/brands/{entry.BrandId}/quarantine/{entry.DeliveryKey}/replay).")
            {
                Channel = entry.Channel,
                Evidence = new Dictionary<string, string>
                {
                    ["deliveryKey"] = entry.DeliveryKey,
                    ["topic"] = entry.Topic,
                    ["quarantinedAt"] = entry.QuarantinedAt.ToString("O", CultureInfo.InvariantCulture),
                },
            },
            cancellationToken);
    }

    /// <summary>
    /// Resolves this timer's unresolved alerts whose problem is gone: the request completed (or is no longer recorded),
    /// the delivery left quarantine (replayed successfully) or its request was completed through another delivery.
    /// Anything else stays raised.
    /// </summary>
    private async Task ResolveFinishedAsync(
        string brandId, IReadOnlyList<PrivacyRequest> open, Dictionary<string, PrivacyRequest> completedElsewhere, HashSet<AlertSubject> current, CancellationToken cancellationToken)
    {
        var openIds = open.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var state in (AlertState[])[AlertState.Open, AlertState.Acknowledged])
        {
            foreach (var alert in await alertStore.ListAsync(brandId, state, AlertKind.PrivacyRequestStuck, cancellationToken))
            {
                if (current.Contains(alert.Subject))
                {
                    continue;
                }

                var resolution = await ResolutionAsync(brandId, alert.Subject, openIds, completedElsewhere, cancellationToken);
                if (resolution is not null)
                {
                    await alerts.ClearAsync(brandId, AlertKind.PrivacyRequestStuck, alert.Subject, resolution, cancellationToken);
                }
            }
        }
    }

    /// <summary>Why the problem an alert names is gone, or null while it stands.</summary>
    private async Task<string?> ResolutionAsync(
        string brandId, AlertSubject subject, HashSet<string> openIds, Dictionary<string, PrivacyRequest> completedElsewhere, CancellationToken cancellationToken)
    {
        if (subject == AlertSubject.PrivacyRequest(subject.Id))
        {
            if (openIds.Contains(subject.Id))
            {
                return null;
            }

            // Not open when listed: completed since, or gone. A point read, for the few alerts still unresolved.
            var request = (await requests.GetAsync(brandId, subject.Id, cancellationToken))?.Value;
            return request is null ? "The request is no longer recorded."
                : request.State == PrivacyRequestState.Completed ? $"The request completed at {request.CompletedAt:u}."
                : null;
        }

        if (subject == AlertSubject.QuarantinedDelivery(subject.Id))
        {
            if (completedElsewhere.TryGetValue(subject.Id, out var completed))
            {
                return $"Its request {completed.Id} was completed at {completed.CompletedAt:u} through another delivery of it; this copy has nothing left to do.";
            }

            var entry = await quarantine.GetAsync(brandId, subject.Id, cancellationToken);
            return entry is { Value.State: QuarantineState.Open } ? null : "The delivery was replayed successfully and left quarantine.";
        }

        return null;
    }
}
