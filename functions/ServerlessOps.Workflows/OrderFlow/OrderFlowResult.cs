namespace ServerlessOps.Workflows.OrderFlow;

/// <summary>How an order flow ended.</summary>
/// <param name="Outcome"><c>completed</c> (delivered and past its return window), <c>cancelled</c> (every unit cancelled, all stock let go), <c>history</c> (placed before go-live: nothing done), <c>not-found</c>.</param>
/// <param name="Detail">One sentence for people.</param>
public sealed record OrderFlowResult(string Outcome, string Detail);
