using Microsoft.Extensions.Logging;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Backstop;

/// <summary>Log events of the missed-webhook backstop: ids 4800-4819. Ids and counts only, never order contents.</summary>
internal static partial class BackstopLog
{
    [LoggerMessage(EventId = 4800, Level = LogLevel.Information,
        Message = "Backstop {Channel} account {AccountId} of brand {BrandId}: {Listed} changed orders listed in {Pages} pages from {From:O} to {Until:O}, {Recovered} recovered ({History} history), {Late} late")]
    internal static partial void AccountRun(
        this ILogger logger, SalesChannel channel, string accountId, string brandId, int listed, int pages, DateTimeOffset from, DateTimeOffset until, int recovered, int history, int late);

    [LoggerMessage(EventId = 4801, Level = LogLevel.Warning,
        Message = "Backstop {Channel} account {AccountId} of brand {BrandId} stopped early; the next run reads the same window again: {Reason}")]
    internal static partial void AccountFailed(this ILogger logger, SalesChannel channel, string accountId, string brandId, string reason);

    [LoggerMessage(EventId = 4802, Level = LogLevel.Warning,
        Message = "Backstop recovered order {OrderId} of brand {BrandId} at version {Version:O}: no webhook had brought it")]
    internal static partial void Recovered(this ILogger logger, string orderId, string brandId, DateTimeOffset version);

    [LoggerMessage(EventId = 4803, Level = LogLevel.Warning,
        Message = "Backstop {Channel} account {AccountId} of brand {BrandId} reached {Pages} pages; its watermark stays at {From:O} and the next run reads {Window}")]
    internal static partial void PageLimitReached(this ILogger logger, SalesChannel channel, string accountId, string brandId, int pages, DateTimeOffset from, TimeSpan window);

    [LoggerMessage(EventId = 4804, Level = LogLevel.Warning,
        Message = "Backstop could not read order {OrderId} of brand {BrandId} the channel listed as changed; skipped: {Reason}")]
    internal static partial void OrderSkipped(this ILogger logger, string orderId, string brandId, string reason);

    [LoggerMessage(EventId = 4805, Level = LogLevel.Information,
        Message = "Backstop {Channel} account {AccountId} of brand {BrandId}: another run moved the watermark first; its position stands")]
    internal static partial void WatermarkRace(this ILogger logger, SalesChannel channel, string accountId, string brandId);
}
