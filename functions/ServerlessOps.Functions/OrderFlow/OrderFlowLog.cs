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
}
