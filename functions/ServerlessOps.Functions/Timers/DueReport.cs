using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Functions.Timers;

/// <summary>The report a brand is due: its period in the archive, and how to write it.</summary>
internal sealed record DueReport(string Period, Func<CancellationToken, Task<ReportEntry>> WriteAsync);
