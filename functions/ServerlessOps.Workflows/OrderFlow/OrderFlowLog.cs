using Microsoft.Extensions.Logging;

namespace ServerlessOps.Workflows.OrderFlow;

/// <summary>The order flow's log messages (EventIds 3100-3199), written through the orchestration's replay-safe logger.</summary>
internal static partial class OrderFlowLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning,
        Message = "Order flow {InstanceId} of brand {BrandId}, order {OrderId}: exception path at {Step} ({Cause})")]
    internal static partial void FlowException(this ILogger logger, string instanceId, string brandId, string orderId, string step, string cause);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information,
        Message = "Order flow {InstanceId} of brand {BrandId}, order {OrderId} ended: {Outcome}")]
    internal static partial void FlowEnded(this ILogger logger, string instanceId, string brandId, string orderId, string outcome);
}
