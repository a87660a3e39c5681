using System.Text.Json;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Functions.Api.OrderFlow;

/// <summary>An order's flow as <c>GET .../flow</c> answers it.</summary>
/// <param name="InstanceId">The flow's instance id.</param>
/// <param name="RuntimeStatus">The engine's status: Pending, Running, Completed, Failed, Terminated.</param>
/// <param name="CreatedAt">When this execution was created.</param>
/// <param name="LastUpdatedAt">The last checkpoint.</param>
/// <param name="Status">The flow's own status: stage, exception, SLA, what each line moved, step history (<c>OrderFlowStatus</c>).</param>
/// <param name="Output">How it ended, once finished.</param>
/// <param name="Failure">The engine's failure message, when it failed outside its own exception path.</param>
/// <param name="Exception">The order's recorded exception, open or resolved.</param>
public sealed record OrderFlowView(
    string InstanceId,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    JsonElement? Status,
    JsonElement? Output,
    string? Failure,
    OrderFlowExceptionRecord? Exception);
