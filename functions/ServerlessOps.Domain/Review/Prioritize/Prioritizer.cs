using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review.Audit;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Prioritize;

/// <summary>Batches findings by root cause and ranks the batches by money recovered per unit of effort, each with its owner and daily check.</summary>
public static class Prioritizer
{
    /// <summary>
    /// One <see cref="RoadmapItem"/> per root cause: money = Σ of its findings' (already rounded) money, effort = its
    /// rule's effort points (one fix for the batch), score = money / effort rounded to cents. Ranked by score, then money
    /// (descending), then effort (ascending), then root cause (ordinal), so equal scores always come out in the same
    /// order. Owner = <c>BrandOwners.Shown</c>(rule signal, the batch's channel when it has one): "unassigned" when nobody
    /// owns it, never the seed's placeholder address; alert = the rule's daily check for the batch, owned by the same
    /// person. Findings inside an item are ordered by money, then subject.
    /// </summary>
    public static IReadOnlyList<RoadmapItem> Rank(IReadOnlyList<Finding> findings, BrandOwners owners)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(owners);
        var batches = findings
            .GroupBy(f => f.RootCause, StringComparer.Ordinal)
            .Select(group =>
            {
                var batch = group
                    .OrderByDescending(f => f.MonthlyMoney)
                    .ThenBy(f => f.Subject, StringComparer.Ordinal)
                    .ThenBy(f => f.Sku, StringComparer.Ordinal)
                    .ToList();

                // A root cause key starts with its rule's name, so a batch has one type; the biggest finding decides if not.
                var rule = RuleCatalog.For(batch[0].Type);
                var money = batch.Sum(f => f.MonthlyMoney);
                return (Rule: rule, Batch: batch, RootCause: group.Key, Money: money, Score: Cents.Round(money / rule.Effort));
            })
            .OrderByDescending(b => b.Score)
            .ThenByDescending(b => b.Money)
            .ThenBy(b => b.Rule.Effort)
            .ThenBy(b => b.RootCause, StringComparer.Ordinal)
            .ToList();

        return batches.Select((b, index) =>
        {
            var channel = b.Batch.Select(f => f.Channel).Distinct().Count() == 1 ? b.Batch[0].Channel : null;
            var owner = owners.Shown(b.Rule.Signal, channel);
            return new RoadmapItem(
                index + 1,
                b.RootCause,
                b.Rule.Type,
                b.Rule.Title(b.Batch),
                b.Batch,
                b.Money,
                b.Rule.Effort,
                b.Score,
                b.Rule.Signal,
                owner,
                b.Rule.Alert(b.Batch, owner));
        }).ToList();
    }
}
