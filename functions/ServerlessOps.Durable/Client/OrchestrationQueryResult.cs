namespace ServerlessOps.Durable.Client;

/// <summary>One page of an <see cref="OrchestrationQuery"/>.</summary>
/// <param name="Instances">The matching instances on this page (order is backend-defined but stable across pages).</param>
/// <param name="ContinuationToken">Token for the next page; <see langword="null"/> when this is the last page.</param>
public sealed record OrchestrationQueryResult(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
