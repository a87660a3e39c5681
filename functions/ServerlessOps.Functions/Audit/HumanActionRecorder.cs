using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ServerlessOps.Domain.Audit;
using ServerlessOps.Functions.Http;

namespace ServerlessOps.Functions.Audit;

/// <summary>
/// Writes the audit entry of a human action once its route answered 2xx (<see cref="HumanActions"/>), in both hosts,
/// from the dispatcher. Who comes from the authenticated caller, when from the clock, what from the route
/// (<see cref="HumanActionRoute"/>) and the handler's <see cref="AuditNote"/>.
/// <para>
/// The entry's id is deterministic, so a retried request does not log twice: from the handler's
/// <see cref="AuditNote.FactKey"/> when the action is one fact by nature (a ledger entry, an import), else from the
/// caller's <c>Idempotency-Key</c>, else from who, what and detail within the UTC minute, with the previous minute's id
/// read first so a retry across a minute boundary is recognised too. Two identical actions by one person on one subject
/// within a minute or so are therefore one entry; anything that differs (another price, another alert) is its own.
/// </para>
/// <para>
/// A failed write is not swallowed: the store's outage becomes the dispatcher's 503, and the client's retry (the
/// routes are idempotent) logs the action then. Nothing is audited for 4xx or 5xx answers.
/// </para>
/// </summary>
public sealed partial class HumanActionRecorder(IHumanActionLog log, TimeProvider time, ILogger<HumanActionRecorder> logger)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public async Task RecordAsync(HttpCall http, IResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!HumanActions.ByRoute.TryGetValue(http.Route.Name, out var route)
            || http.Caller is not { } caller
            || result is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } answered)
        {
            return;
        }

        var note = http.Audit ?? new AuditNote();
        var brandId = note.BrandId ?? (http.Route.IsBrandScoped ? http.RouteValue("brandId") : null);
        if (string.IsNullOrEmpty(brandId))
        {
            throw new InvalidOperationException($"{http.Route.Name} is a human action on no brand: its handler must name the brand in its AuditNote.");
        }

        var action = new HumanAction
        {
            BrandId = brandId,
            Kind = route.Kind,
            Subject = string.Join('/', route.SubjectValues.Select(http.RouteValue)),
            Detail = Shorten(note.Detail ?? $"answered {answered.StatusCode}"),
            By = caller.Name,
            Roles = [.. caller.Roles.Select(r => r.ToString().ToLowerInvariant()).Order(StringComparer.Ordinal)],
            At = time.GetUtcNow(),
            Route = http.Route.Name,
            Reference = note.Reference,
        };

        var written = await WriteAsync(action, note, http.Request.Headers[IdempotencyKeyHeader].ToString(), cancellationToken);
        HumanActionRecorded(logger, action.Kind, action.BrandId, action.Subject, action.By, written);
    }

    private async Task<bool> WriteAsync(HumanAction action, AuditNote note, string idempotencyKey, CancellationToken cancellationToken)
    {
        var what = $"{action.BrandId}\n{action.Kind}\n{action.Subject}";
        if (!string.IsNullOrEmpty(note.FactKey))
        {
            return await log.RecordAsync(action, "f-" + Hash($"{what}\nfact\n{note.FactKey}"), cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(idempotencyKey))
        {
            return await log.RecordAsync(action, "k-" + Hash($"{what}\n{action.By}\nkey\n{idempotencyKey.Trim()}"), cancellationToken);
        }

        var fingerprint = Hash($"{what}\n{action.By}\n{action.Detail}");
        var previous = action.At.AddMinutes(-1);
        if (await log.ExistsAsync(action.BrandId, previous, MinuteId(previous, fingerprint), cancellationToken))
        {
            return false;
        }

        return await log.RecordAsync(action, MinuteId(action.At, fingerprint), cancellationToken);
    }

    private static string MinuteId(DateTimeOffset at, string fingerprint) =>
        $"m-{at.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}-{fingerprint}";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    private static string Shorten(string detail)
    {
        var printable = new string([.. detail.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return printable.Length <= HumanAction.MaxDetailLength ? printable : printable[..(HumanAction.MaxDetailLength - 1)] + "…";
    }

    [LoggerMessage(EventId = 1960, Level = LogLevel.Information, Message = "Human action {Kind} on brand {BrandId} ({Subject}) by {Caller} audited (new entry: {Written})")]
    private static partial void HumanActionRecorded(ILogger logger, string kind, string brandId, string subject, string caller, bool written);
}
