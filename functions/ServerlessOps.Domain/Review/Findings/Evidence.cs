namespace ServerlessOps.Domain.Review.Findings;

/// <summary>
/// Why a finding holds: the numbers its formula used, by name, and the source rows they came from
/// (<c>order:{orderId}:line:{lineId}</c>, <c>import:{importId}:line:{n}</c>), so anyone can check it.
/// </summary>
public sealed record Evidence(IReadOnlyDictionary<string, decimal> Numbers, IReadOnlyList<string> SourceRows);
