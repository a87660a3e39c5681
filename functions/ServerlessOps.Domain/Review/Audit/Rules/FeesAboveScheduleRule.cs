using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Findings;

namespace ServerlessOps.Domain.Review.Audit.Rules;

/// <summary>
/// Fees charged above the channel's fee schedule: per SKU and channel in the reviewed month, only where the channel's
/// charged fees are known (settlements or imported history). Money = FeesCharged − the scheduled fees of the same lines
/// (lines not settled yet are left out of both), the exact difference, when positive (an undercharge is not a loss to recover). All SKUs of a channel share one root cause
/// (<c>fees:{channel}</c>): one dispute or re-tier with the channel fixes them together. The facts carry fees per SKU,
/// not per fee type, so the batch is per channel; the schedule rules in effect are listed in the evidence.
/// </summary>
public sealed class FeesAboveScheduleRule : AuditRule
{
    public override FindingType Type => FindingType.FeesAboveSchedule;

    public override decimal Effort => 2m;

    public override BrandSignal Signal => BrandSignal.Finance;

    public override string AlertKind => "fees-above-schedule";

    public override IEnumerable<Finding> Find(ReviewFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var start = new DateTimeOffset(facts.Month.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(facts.Month.Next.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        foreach (var row in facts.MonthSales().OrderBy(r => r.Channel).ThenBy(r => r.Sku, StringComparer.Ordinal))
        {
            var scheduled = row.FeesScheduledWhereCharged();
            if (row.FeesCharged is not { } charged || charged <= scheduled)
            {
                continue;
            }

            var difference = charged - scheduled;

            // The schedule's rules in effect during the month (UTC month bounds: this only explains, it computes nothing).
            var schedule = facts.FeeSchedule
                .Where(f => f.Channel == row.Channel && f.EffectiveFrom < end && (f.EffectiveTo is null || f.EffectiveTo > start))
                .Select(f => $"fee-rule:{f.Channel.Slug()}:{f.FeeType}:{f.Category ?? "all"}:{Show.Day(DateOnly.FromDateTime(f.EffectiveFrom.UtcDateTime))}")
                .Order(StringComparer.Ordinal);
            var finding = NewFinding(
                facts,
                $"fees on SKU {row.Sku} on {row.Channel}",
                row.Channel,
                row.Sku,
                difference,
                $"fees:{row.Channel.Slug()}",
                $"{Show.Amount(charged)} charged − {Show.Amount(scheduled)} scheduled = {Show.Money(difference)}",
                [N("feesCharged", charged), N("feesScheduled", scheduled), N("units", row.Units), N("revenue", row.Revenue)],
                row.SourceRows.Concat(schedule));
            if (finding is not null)
            {
                yield return finding;
            }
        }
    }

    public override string Title(IReadOnlyList<Finding> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return $"Dispute or re-tier fees above schedule on {CommonChannel(batch)?.ToString() ?? "several channels"} ({Show.Number(batch.Count)} SKUs)";
    }

    public override AlertRuleSpec? Alert(IReadOnlyList<Finding> batch, string owner)
    {
        var channel = CommonChannel(batch);
        return new(AlertKind, $"fees on {channel}", channel, null, null, 0m, owner, "Fees charged above the fee schedule on the channel, summed over a day, above the threshold (money, base currency).");
    }
}
