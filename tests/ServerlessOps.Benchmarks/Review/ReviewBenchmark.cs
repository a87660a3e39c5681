using System.Diagnostics;
using ServerlessOps.Benchmarks.OrderFlow;
using ServerlessOps.Domain.Review;
using ServerlessOps.Infrastructure.Review.Facts;
using ServerlessOps.Testing.ReviewHistory;

namespace ServerlessOps.Benchmarks.Review;

/// <summary>
/// The monthly review at scale on the local stack: a brand's generated history of <c>--lines</c> order lines over
/// thirteen months (the quick start's generator, scaled) imported through the app's import endpoints (import rate), then,
/// in a freshly started app process, the review of the last month on the real Durable engine (total time, peak memory
/// of the app process), then, with the app idle, the raw rate of streaming the same window's orders from the Cosmos
/// server, beside which the review's rows/s is put. Loopback only; stops by itself within <c>--minutes</c> (every wait has a deadline).
/// </summary>
internal static class ReviewBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = ReviewBenchmarkOptions.Parse(args);
        using var budget = new CancellationTokenSource(TimeSpan.FromMinutes(options.Minutes));
        var total = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var history = HistoryOptions.ForMonthBefore(now, options.OrdersPerDay) with { BaselineMonths = ReviewWindow.DefaultBaselineMonths };
        var month = new ReviewMonth(history.ReviewYear, history.ReviewMonth);
        Console.WriteLine($"review: ~{options.Lines:N0} order lines over 13 months ({options.OrdersPerDay} orders a day before seasonality), review of {month}; load average {OrderFlowBenchmark.LoadAverage()}");

        var directory = Path.Combine(Path.GetTempPath(), "serverlessops-review-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var clock = Stopwatch.StartNew();
            var files = HistoryFileWriter.Write(history, directory);
            Console.WriteLine($"  generated {files.Orders:N0} orders, {files.OrderLines:N0} lines in {files.OrderFiles.Count} monthly files in {clock.Elapsed.TotalSeconds:F0} s");

            await using var stack = await ReviewStack.StartAsync(budget.Token);
            ImportFigures import;
            using (var api = stack.CreateApiClient())
            {
                import = await HistoryImport.RunAsync(api, history, files, budget.Token);
            }

            Console.WriteLine($"  orders imported: {import.Lines:N0} lines in {import.Seconds:F0} s; Cosmos server resident {ProcessMemory.ResidentBytes(stack.Cosmos.ProcessId) / 1048576d:N0} MiB; load {OrderFlowBenchmark.LoadAverage()}");

            await stack.RestartAppAsync(budget.Token);
            var window = new ReviewWindow(HistoryImport.BrandId, month, TimeZoneInfo.FindSystemTimeZoneById(history.TimeZoneId));
            ReviewFigures review;
            using (var api = stack.CreateApiClient())
            {
                var left = TimeSpan.FromMinutes(options.Minutes) - total.Elapsed;
                review = await ReviewRun.RunAsync(api, stack.App.ProcessId, month.ToString(), left, budget.Token);
            }

            if (review.Failure is not null)
            {
                Console.WriteLine($"  the app's last output:\n{stack.App.RecentOutput}");
            }

            // After the review, with the app idle, so the two reads never share the Cosmos server's one thread.
            var raw = await RawOrderRead.MeasureAsync(stack, window, budget.Token);
            Console.WriteLine($"  raw read: {raw.Lines:N0} lines of {raw.Orders:N0} orders in {raw.Seconds:F1} s");

            ReviewTable.Print(options, files, import, raw, review, OrderFlowBenchmark.LoadAverage(), total.Elapsed);
            return review.Outcome == "Completed" ? 0 : 1;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
