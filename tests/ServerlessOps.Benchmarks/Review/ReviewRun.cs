using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace ServerlessOps.Benchmarks.Review;

/// <summary>
/// Starts the brand's review of one month through the app's endpoint and follows it to its end on the real Durable
/// engine in the app's process: total time, the time until the audit's channel fan-out had read every channel (from the
/// custom status), and the app process's resident memory sampled meanwhile beside its kernel high-water mark.
/// </summary>
internal static class ReviewRun
{
    public static async Task<ReviewFigures> RunAsync(HttpClient api, int appProcessId, string month, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using (var started = await api.PostAsync(new Uri($"api/brands/{HistoryImport.BrandId}/reviews/{month}", UriKind.Relative), null, cancellationToken))
        {
            // 202 only: anything else means a review of the month was already there (started by something else), and
            // timing it would time nothing.
            if (started.StatusCode != System.Net.HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"starting the review answered {(int)started.StatusCode}, not 202: {await started.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        double? channelsRead = null;
        var sampledPeak = 0L;
        string? last = null;
        while (true)
        {
            sampledPeak = Math.Max(sampledPeak, ProcessMemory.ResidentBytes(appProcessId));
            var review = await api.GetFromJsonAsync<JsonElement>($"api/brands/{HistoryImport.BrandId}/reviews/{month}", cancellationToken);
            var runtime = review.GetProperty("runtimeStatus").GetString();
            if (review.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object)
            {
                if (channelsRead is null && Number(status, "channelsDone") >= Number(status, "channels") && Number(status, "channels") > 0)
                {
                    channelsRead = clock.Elapsed.TotalSeconds;
                }

                if (status.GetRawText() != last)
                {
                    last = status.GetRawText();
                    Console.WriteLine($"  {clock.Elapsed.TotalSeconds,7:F1} s  {last}");
                }
            }

            if (runtime is "Completed" or "Failed" or "Terminated" || clock.Elapsed > deadline)
            {
                var seconds = clock.Elapsed.TotalSeconds;
                var rows = review.TryGetProperty("result", out var output) && output.ValueKind == JsonValueKind.Object ? Number(output, "rowsRead") : 0;
                return new ReviewFigures(runtime ?? "?", seconds, channelsRead ?? seconds, rows, ProcessMemory.PeakBytes(appProcessId), sampledPeak,
                    runtime == "Completed" ? null : review.GetRawText());
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>A number member by name whatever its casing; 0 when absent.</summary>
    private static long Number(JsonElement element, string name) =>
        element.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value is { ValueKind: JsonValueKind.Number } n ? n.GetInt64() : 0;
}

/// <summary>
/// One review: how it ended, total seconds from the start request, seconds until every channel was read, rows the review
/// says it read (the orchestration's output), the app process's peak resident memory (kernel high-water mark since the
/// fresh start before the review) and the highest resident size sampled while it ran.
/// </summary>
internal sealed record ReviewFigures(string Outcome, double Seconds, double ChannelsReadSeconds, long RowsReported, long PeakBytes, long SampledPeakBytes, string? Failure);
