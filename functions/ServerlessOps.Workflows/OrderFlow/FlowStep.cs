namespace ServerlessOps.Workflows.OrderFlow;

/// <summary>One entry of a flow's step history, as the status route shows it.</summary>
/// <param name="At">Orchestration time of the step.</param>
/// <param name="Step">What happened (<c>validated</c>, <c>reserved</c>, <c>moved</c>, <c>sla-missed</c>, <c>exception</c>...).</param>
/// <param name="Detail">The facts: units, SKUs, the cause.</param>
public sealed record FlowStep(DateTime At, string Step, string Detail);
