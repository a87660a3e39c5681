using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Tests.Review;

/// <summary>Findings by hand, for the prioritizer and loop closure (the rules' own tests craft facts instead).</summary>
internal static class Findings
{
    public static Finding Of(FindingType type, string rootCause, decimal money, SalesChannel? channel = null, string? sku = null, params (string Name, decimal Value)[] numbers) => new(
        type,
        $"{rootCause} {sku}".Trim(),
        channel,
        sku,
        money,
        "USD",
        rootCause,
        $"= {money}",
        new Evidence(numbers.ToDictionary(n => n.Name, n => n.Value), [$"row:{rootCause}:{sku}"]));
}
