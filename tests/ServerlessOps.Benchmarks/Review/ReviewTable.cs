using System.Globalization;
using ServerlessOps.Testing.ReviewHistory;

namespace ServerlessOps.Benchmarks.Review;

/// <summary>The run's figures as one markdown table, the goals beside them.</summary>
internal static class ReviewTable
{
    private const double GiB = 1024d * 1024 * 1024;
    private const double MiB = 1024d * 1024;

    public static void Print(ReviewBenchmarkOptions options, HistoryFileSet files, ImportFigures import, ReadFigures raw, ReviewFigures review, string load, TimeSpan total)
    {
        var reviewRate = raw.Lines / Math.Max(review.Seconds, 0.001);
        var readRate = raw.Lines / Math.Max(review.ChannelsReadSeconds, 0.001);
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"review benchmark, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, --lines {options.Lines}, load average after: {load}, whole run {total.TotalMinutes:F1} min"));
        Console.WriteLine();
        Console.WriteLine("| figure | value | goal |");
        Console.WriteLine("|---|---:|---|");
        Console.WriteLine(string.Create(c, $"| history | {files.Orders:N0} orders, {files.OrderLines:N0} lines, {files.OrderFiles.Count} months | 1,000,000 lines |"));
        Console.WriteLine(string.Create(c, $"| import (order files, HTTP endpoint) | {import.Seconds:N0} s, **{import.LinesPerSecond:N0} lines/s** ({HistoryImport.Retries} files sent again after a 503) | |"));
        Console.WriteLine(string.Create(c, $"| raw read of the window (4 channel streams at once) | {raw.Lines:N0} lines in {raw.Seconds:N1} s, **{raw.LinesPerSecond:N0} lines/s** | |"));
        Console.WriteLine(string.Create(c, $"| review, {review.Outcome} | **{review.Seconds:N1} s** (channels read after {review.ChannelsReadSeconds:N1} s) | |"));
        Console.WriteLine(string.Create(c, $"| review rows/s, whole review | **{reviewRate:N0} lines/s** = {100 * reviewRate / raw.LinesPerSecond:N0} % of raw | ≥ 50 % |"));
        Console.WriteLine(string.Create(c, $"| review rows/s, audit fan-out alone | {readRate:N0} lines/s = {100 * readRate / raw.LinesPerSecond:N0} % of raw | |"));
        Console.WriteLine(string.Create(c, $"| app process peak memory (VmHWM, fresh process) | **{review.PeakBytes / MiB:N0} MiB** (sampled RSS max {review.SampledPeakBytes / MiB:N0} MiB) | < 1 GiB ({(review.PeakBytes < GiB ? "met" : "missed")}) |"));
        if (review.Failure is { } failure)
        {
            Console.WriteLine();
            Console.WriteLine($"review did not complete: {failure[..Math.Min(failure.Length, 2000)]}");
        }
    }
}
