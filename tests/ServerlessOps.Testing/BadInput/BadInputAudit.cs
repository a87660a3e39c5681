using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Ingestion;
using ServerlessOps.Testing.Scenarios;

namespace ServerlessOps.Testing.BadInput;

/// <summary>
/// Waits for every acknowledged delivery to reach a final outcome and checks, through the app's own read routes only, what
/// the corpus left in the truth: each quarantined delivery kept raw for replay; each order a delivery wrote whole (ids, lines,
/// quantities and money in range); each accepted import Applied and each refused one without a record; then counts every call
/// into its target's <see cref="BadInputTally"/>.
/// </summary>
public sealed class BadInputAudit(HttpClient http, ScenarioAccounts accounts)
{
    private static readonly HashSet<string> _final = new(StringComparer.Ordinal) { "Applied", "Stale", "Duplicate", "Recorded", "Quarantined" };

    // Import files some call of the run got accepted ("kind sha256"): a mutation that only changes a header (a wrong
    // Content-Type) sends an accepted file's bytes again, and the record found afterwards is that accepted post's.
    private HashSet<string> _acceptedFiles = [];

    public async Task<IReadOnlyList<BadInputTally>> AuditAsync(IReadOnlyList<BadInputAnswer> answers, DateOnly firstDay, TimeSpan settleWithin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var tallies = new Dictionary<string, BadInputTally>(StringComparer.Ordinal);
        var accepted = answers.Where(a => a.IsSuccess && a.Call.IsWebhook).Select(a => (Answer: a, Key: AckKey(a))).ToList();
        var events = await SettleAsync(accepted.Select(a => a.Key).OfType<string>().ToHashSet(StringComparer.Ordinal), firstDay, settleWithin, cancellationToken);
        var orders = new Dictionary<string, string?>(StringComparer.Ordinal);
        _acceptedFiles = answers.Where(a => a.IsSuccess && a.Call.ImportKind is not null)
            .Select(a => $"{a.Call.ImportKind} {Sha256(a.Call.Body)}").ToHashSet(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            var tally = tallies.TryGetValue(answer.Call.Target, out var found) ? found : tallies[answer.Call.Target] = new BadInputTally(answer.Call.Target);
            tally.Sent++;
            tally.Retried503 += answer.Retried503;
            await CountAsync(tally, answer, events, orders, cancellationToken);
        }

        return [.. tallies.Values.OrderBy(t => t.Target.StartsWith("import:", StringComparison.Ordinal)).ThenBy(t => t.Target, StringComparer.Ordinal)];
    }

    private async Task CountAsync(BadInputTally tally, BadInputAnswer answer, Dictionary<string, JsonElement> events, Dictionary<string, string?> orders, CancellationToken cancellationToken)
    {
        var call = answer.Call;
        if (call.ExpectedStatus is { } expected && answer.Status != expected && !answer.ByServer)
        {
            tally.WrongAnswers++;
            tally.Findings.Add($"expected {expected}, got {answer}");
        }

        if (answer.Status == 0)
        {
            tally.NotAnswered++;
            tally.Findings.Add($"no answer: {answer} ({answer.Body})");
            return;
        }

        if (answer.IsServerError)
        {
            tally.ServerErrors++;
            tally.Findings.Add($"{answer}: {answer.Body}");
            return;
        }

        if (answer.ByServer)
        {
            tally.RefusedByServer++;
            return;
        }

        if (answer.IsClientError)
        {
            if (!answer.ProblemJson)
            {
                tally.WrongAnswers++;
                tally.Findings.Add($"4xx without problem+json: {answer}");
            }

            if (call.IsWebhook)
            {
                // An authentic delivery the edge could not read is kept raw under a key derived from its body.
                if (answer.Status is 400 or 422 && await RawKeptAsync(call.Channel!.Value, EdgeKey(call), cancellationToken))
                {
                    tally.Quarantined++;
                }
                else
                {
                    tally.Refused++;
                }

                return;
            }

            tally.Refused++;
            if (call.ImportKind is { } kind && ImportKinds.TryParseSlug(kind, out var importKind)
                && !_acceptedFiles.Contains($"{kind} {Sha256(call.Body)}")
                && await StatusOfAsync($"imports/{ImportRecord.IdFor(importKind, Sha256(call.Body))}", cancellationToken) != HttpStatusCode.NotFound)
            {
                tally.PartialWrites++;
                tally.Findings.Add($"a refused file left an import record: {answer}");
            }

            return;
        }

        if (!call.IsWebhook)
        {
            await CountImportAsync(tally, answer, cancellationToken);
            return;
        }

        var key = AckKey(answer);
        if (key is null || !events.TryGetValue(key, out var entry) || !_final.Contains(Str(entry, "outcome") ?? string.Empty))
        {
            tally.Unsettled++;
            tally.Findings.Add($"acknowledged but no final outcome: {answer}");
            return;
        }

        if (Str(entry, "outcome") == "Quarantined")
        {
            if (await RawKeptAsync(call.Channel!.Value, key, cancellationToken))
            {
                tally.Quarantined++;
            }
            else
            {
                tally.PartialWrites++;
                tally.Findings.Add($"quarantined without its raw delivery: {answer}");
            }

            return;
        }

        if (Str(entry, "orderId") is { } orderId)
        {
            if (!orders.TryGetValue(orderId, out var problem))
            {
                problem = orders[orderId] = await OrderProblemAsync(orderId, cancellationToken);
            }

            if (problem is not null)
            {
                tally.PartialWrites++;
                tally.Findings.Add($"{answer} wrote order {orderId}: {problem}");
                return;
            }
        }

        tally.StoredValid++;
    }

    private async Task CountImportAsync(BadInputTally tally, BadInputAnswer answer, CancellationToken cancellationToken)
    {
        using var body = JsonDocument.Parse(answer.Body);
        var importId = Str(body.RootElement, "importId");
        using var response = importId is null ? null : await http.GetAsync(new Uri($"api/brands/{accounts.BrandId}/imports/{Uri.EscapeDataString(importId)}", UriKind.Relative), cancellationToken);
        var state = response is { IsSuccessStatusCode: true } ? Str(JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement, "state") : null;
        if (state == "Applied")
        {
            tally.StoredValid++;
        }
        else
        {
            tally.PartialWrites++;
            tally.Findings.Add($"accepted import {importId} is {state ?? "missing"}: {answer}");
        }
    }

    private async Task<Dictionary<string, JsonElement>> SettleAsync(HashSet<string> keys, DateOnly firstDay, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        var events = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        while (true)
        {
            events.Clear();
            for (var day = firstDay; day <= DateOnly.FromDateTime(DateTime.UtcNow); day = day.AddDays(1))
            {
                using var response = await http.GetAsync(new Uri($"api/brands/{accounts.BrandId}/channel-events?day={day:yyyy-MM-dd}", UriKind.Relative), cancellationToken);
                response.EnsureSuccessStatusCode();
                using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                foreach (var entry in list.RootElement.EnumerateArray())
                {
                    if (Str(entry, "deliveryKey") is { } key && keys.Contains(key))
                    {
                        events[key] = entry.Clone();
                    }
                }
            }

            var settled = keys.All(k => events.TryGetValue(k, out var e) && _final.Contains(Str(e, "outcome") ?? string.Empty));
            if (settled || DateTimeOffset.UtcNow > deadline)
            {
                return events;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>What is wrong with a stored order, or null when it is whole.</summary>
    private async Task<string?> OrderProblemAsync(string orderId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"api/brands/{accounts.BrandId}/orders/{Uri.EscapeDataString(orderId)}", UriKind.Relative), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return $"the delivery says it wrote the order, but reading it answered {(int)response.StatusCode}";
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var order = document.RootElement.TryGetProperty("order", out var inner) ? inner : document.RootElement;
        if (string.IsNullOrWhiteSpace(Str(order, "externalOrderId")) || string.IsNullOrWhiteSpace(Str(order, "currency")))
        {
            return "no external id or currency";
        }

        if (Number(order, "total") is < 0)
        {
            return "a negative total";
        }

        foreach (var line in order.GetProperty("lines").EnumerateArray())
        {
            var quantity = Number(line, "quantity") ?? -1;
            if (quantity < 0 || Number(line, "quantityShipped") is < 0 || Number(line, "quantityShipped") > quantity
                || Number(line, "quantityCancelled") is < 0 || Number(line, "quantityCancelled") > quantity
                || Number(line, "unitPrice") is < 0 || string.IsNullOrWhiteSpace(Str(line, "lineId")))
            {
                return $"line {Str(line, "lineId")} out of range: {line.GetRawText()}";
            }
        }

        return null;
    }

    private async Task<bool> RawKeptAsync(SalesChannel channel, string deliveryKey, CancellationToken cancellationToken) =>
        await StatusOfAsync($"deliveries/{channel.Slug()}/{deliveryKey}", cancellationToken) == HttpStatusCode.OK;

    private async Task<HttpStatusCode> StatusOfAsync(string relative, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"api/brands/{accounts.BrandId}/{relative}", UriKind.Relative), cancellationToken);
        return response.StatusCode;
    }

    private string EdgeKey(BadInputCall call) =>
        DeliveryKey.For(call.Channel!.Value, accounts.AccountId(call.Channel.Value), "body-sha256-" + Sha256(call.Body));

    private static string Sha256(byte[] body) => Convert.ToHexStringLower(SHA256.HashData(body));

    private static string? AckKey(BadInputAnswer answer)
    {
        var at = answer.Body.IndexOf("\"deliveryKey\":\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + "\"deliveryKey\":\"".Length;
        var end = answer.Body.IndexOf('"', start);
        return end < 0 ? null : answer.Body[start..end];
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static decimal? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : null;
}
