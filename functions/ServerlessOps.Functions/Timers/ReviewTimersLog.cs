namespace ServerlessOps.Functions.Timers;

/// <summary>The monthly loop's timers (EventIds 1900-1919).</summary>
internal static partial class ReviewTimersLog
{
    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "Monthly review of brand {BrandId} for {Month} started by {StartedBy}")]
    public static partial void ReviewStarted(this ILogger logger, string brandId, Domain.Review.ReviewMonth month, string startedBy);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "Monthly review of brand {BrandId} for {Month} is not complete by day {Day}: {Status}")]
    public static partial void ReviewLapsed(this ILogger logger, string brandId, Domain.Review.ReviewMonth month, int day, string status);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Information, Message = "{Kind} report of brand {BrandId} for {Period} published as version {Version}")]
    public static partial void ReportWritten(this ILogger logger, string kind, string brandId, string period, string version);

    [LoggerMessage(EventId = 1903, Level = LogLevel.Error, Message = "{Work} of brand {BrandId} failed; the next run tries again")]
    public static partial void BrandFailed(this ILogger logger, Exception exception, string work, string brandId);

    [LoggerMessage(EventId = 1904, Level = LogLevel.Information,
        Message = "{Kind} report of brand {BrandId} for {Period} not written: the period ended at {EndedAt:O}, at or before the brand's go-live {GoLive:O}, so it holds no live orders")]
    public static partial void ReportBeforeGoLive(this ILogger logger, string kind, string brandId, string period, DateTimeOffset endedAt, DateTimeOffset goLive);
}
