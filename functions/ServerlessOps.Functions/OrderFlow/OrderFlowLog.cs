namespace ServerlessOps.Functions.OrderFlow;

/// <summary>Order flow starts, wakes and the stuck-flow timer (EventIds 1800-1819).</summary>
internal static partial class OrderFlowLog
{
    [LoggerMessage(EventId = 1800, Level = LogLevel.Information, Message = "Order flow {InstanceId} started for brand {BrandId}, order {OrderId}")]
    internal static partial void FlowStarted(this ILogger logger, string instanceId, string brandId, string orderId);

    [LoggerMessage(EventId = 1801, Level = LogLevel.Information,
        Message = "Order flow {InstanceId} of brand {BrandId}, order {OrderId} is {Status}: the change is in the truth, no flow was woken")]
    internal static partial void FlowNotWoken(this ILogger logger, string instanceId, string brandId, string orderId, string status);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "Order flow {InstanceId} of brand {BrandId} retried by {Caller}: {How}")]
    internal static partial void FlowRetried(this ILogger logger, string instanceId, string brandId, string caller, string how);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "Order flow {InstanceId} of brand {BrandId} stuck: no update since {LastUpdated}")]
    internal static partial void FlowStuck(this ILogger logger, string instanceId, string brandId, DateTimeOffset lastUpdated);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Information,
        Message = "Order flow {InstanceId} of brand {BrandId}, order {OrderId} ended ({Outcome}) at {EndedAt} and its history was purged: the change is in the truth, no flow was started")]
    internal static partial void FlowEndedAndPurged(this ILogger logger, string instanceId, string brandId, string orderId, string outcome, DateTimeOffset endedAt);

    [LoggerMessage(EventId = 1805, Level = LogLevel.Warning,
        Message = "Order flow {InstanceId} of brand {BrandId}, order {OrderId} placed {PlacedAt} has no instance and no end record, and the order is older than any flow lives (Alerts:OrderFlowLongestLife): its flow ended and was purged before flows recorded their end. The change is in the truth, no flow was started")]
    internal static partial void FlowGoneBeforeEndRecords(this ILogger logger, string instanceId, string brandId, string orderId, DateTimeOffset placedAt);

    [LoggerMessage(EventId = 1810, Level = LogLevel.Warning,
        Message = "Order flow admission is holding new flows back: the Durable engine's backlog is {Backlog} messages, the bound {Bound}; their deliveries wait, the orders are stored")]
    internal static partial void AdmissionHolding(this ILogger logger, int backlog, int bound);

    [LoggerMessage(EventId = 1811, Level = LogLevel.Information,
        Message = "Order flow admission open again: {Held} flow starts were held back, the longest for {LongestWait}; engine backlog now {Backlog}")]
    internal static partial void AdmissionOpen(this ILogger logger, int held, TimeSpan longestWait, int backlog);

    [LoggerMessage(EventId = 1812, Level = LogLevel.Warning,
        Message = "Order flow admission could not read the Durable engine's backlog; starts wait for the next reading, and go unchecked once the last good one is stale: {Reason}")]
    internal static partial void AdmissionReadFailed(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1813, Level = LogLevel.Warning,
        Message = "Order flow start waited the longest admission wait ({MaxWait}) and starts anyway: engine backlog {Backlog}, bound {Bound}")]
    internal static partial void AdmissionWaitExpired(this ILogger logger, TimeSpan maxWait, int backlog, int bound);
}
