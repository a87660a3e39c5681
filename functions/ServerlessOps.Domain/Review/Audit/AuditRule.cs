using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Audit;

/// <summary>
/// One rule of the audit's catalog (Review/README.md lists every formula): what it finds in a month's facts, how much
/// effort its fix takes, who owns it and which daily check keeps it fixed. Rules are pure functions of the facts; they
/// return every candidate with positive money and leave materiality to <see cref="MonthlyAudit"/>.
/// </summary>
public abstract class AuditRule
{
    public abstract FindingType Type { get; }

    /// <summary>Effort points of one fix (1 = an hour's setting change, 8 = a project), the prioritizer's divisor.</summary>
    public abstract decimal Effort { get; }

    /// <summary>Whose the fix is: the roadmap item's owner is <see cref="BrandOwners.For"/> this signal.</summary>
    public abstract BrandSignal Signal { get; }

    /// <summary>
    /// The <see cref="AlertRuleSpec.Kind"/> of the daily check that keeps the fix in place; null when a daily check cannot
    /// (a one-off clearance). Each kind's test, in the threshold's unit, is the daily run's (AlertRuleCheck).
    /// </summary>
    public abstract string? AlertKind { get; }

    /// <summary>Candidate findings, each with money rounded once and above zero, in a stable order.</summary>
    public abstract IEnumerable<Finding> Find(ReviewFacts facts);

    /// <summary>The roadmap title of a batch of this rule's findings sharing one root cause.</summary>
    public abstract string Title(IReadOnlyList<Finding> batch);

    /// <summary>The daily check for a batch, owned by <paramref name="owner"/>; null where none applies.</summary>
    public abstract AlertRuleSpec? Alert(IReadOnlyList<Finding> batch, string owner);

    /// <summary>
    /// A finding with <paramref name="unroundedMoney"/> rounded once to cents, or null when that leaves nothing at stake.
    /// </summary>
    protected Finding? NewFinding(
        ReviewFacts facts,
        string subject,
        SalesChannel? channel,
        string? sku,
        decimal unroundedMoney,
        string rootCause,
        string formula,
        IEnumerable<KeyValuePair<string, decimal>> numbers,
        IEnumerable<string> sourceRows)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var money = Cents.Round(unroundedMoney);
        if (money <= 0m)
        {
            return null;
        }

        var named = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (name, value) in numbers)
        {
            named[name] = value;
        }

        named["monthlyMoney"] = money;
        return new Finding(Type, subject, channel, sku, money, facts.BaseCurrency, rootCause, formula, new Evidence(named, FactsQueries.FewRows(sourceRows)));
    }

    /// <summary>A named number for <see cref="Evidence.Numbers"/>.</summary>
    protected static KeyValuePair<string, decimal> N(string name, decimal value) => new(name, value);

    /// <summary>The one channel every finding of a batch is about, or null when they differ.</summary>
    protected static SalesChannel? CommonChannel(IReadOnlyList<Finding> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Select(f => f.Channel).Distinct().Count() == 1 ? batch[0].Channel : null;
    }

    /// <summary>The one SKU every finding of a batch is about, or null when they differ.</summary>
    protected static string? CommonSku(IReadOnlyList<Finding> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Select(f => f.Sku).Distinct(StringComparer.Ordinal).Count() == 1 ? batch[0].Sku : null;
    }

    /// <summary>A number a rule put in the evidence of the batch's first finding (batches share their thresholds).</summary>
    protected static decimal? Number(IReadOnlyList<Finding> batch, string name)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Count > 0 && batch[0].Evidence.Numbers.TryGetValue(name, out var value) ? value : null;
    }
}
