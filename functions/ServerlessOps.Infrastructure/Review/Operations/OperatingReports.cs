using System.Globalization;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Data;
using ServerlessOps.Domain.Review.Facts;
using ServerlessOps.Domain.Review.Findings;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Backstop;
using ServerlessOps.Infrastructure.Review.Facts;

namespace ServerlessOps.Infrastructure.Review.Operations;

/// <summary>
/// The daily and weekly reports (issue 17, "Daily and weekly reports on their own timers"): the period's orders, units
/// and revenue per channel (folded exactly as the monthly review folds them) against the month's target pro rata, the
/// missed-webhook backstop's missed and late counts per channel, and the brand's alerts open at the period's end; published to the report
/// archive under the finance owner. The daily run also enforces the alert rules of the brand's latest roadmap
/// (<see cref="AlertRuleCheck"/>): a failed rule raises <see cref="AlertKind.ReviewRuleBreached"/> to the owner of its
/// signal, a rule that holds again clears it.
/// </summary>
public sealed class OperatingReports(
    IBrandDirectorySource brands,
    ReviewFactsBuilder builder,
    IReviewDataStore data,
    BackstopStore backstop,
    IAlertStore alertStore,
    IAlertRaiser alerts,
    ReviewWorkStore work,
    IReportArchive archive)
{
    /// <summary>The archive's period of the daily report of <paramref name="day"/>: <c>2026-11-30</c>.</summary>
    public static string DailyPeriod(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The archive's period of the weekly report of the ISO week starting on <paramref name="monday"/>: <c>2026-W48</c>.</summary>
    public static string WeeklyPeriod(DateOnly monday)
    {
        var date = monday.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(date):0000}-W{ISOWeek.GetWeekOfYear(date):00}";
    }

    /// <summary>Yesterday's report of the brand is the report of <paramref name="day"/> (a local date).</summary>
    public Task<ReportEntry> WriteDailyAsync(string brandId, DateOnly day, CancellationToken cancellationToken = default) =>
        WriteDailyAsync(brandId, day, enforce: true, cancellationToken);

    /// <summary>
    /// The report of an earlier <paramref name="day"/> whose every attempt failed, written late: its rules' breaches are in
    /// the report, but no alert is raised or cleared, since a rule's alert follows the latest day checked and a later
    /// day's check may already have run.
    /// </summary>
    public Task<ReportEntry> WriteLateDailyAsync(string brandId, DateOnly day, CancellationToken cancellationToken = default) =>
        WriteDailyAsync(brandId, day, enforce: false, cancellationToken);

    private async Task<ReportEntry> WriteDailyAsync(string brandId, DateOnly day, bool enforce, CancellationToken cancellationToken)
    {
        var brand = Brand(brandId);
        var (report, partials) = await BuildAsync(brand, ReportKind.Daily, DailyPeriod(day), day, 1, cancellationToken);
        var breached = await EnforceRulesAsync(brand, day, partials, enforce, cancellationToken);
        report = report with { RulesChecked = breached.Checked, RulesBreached = breached.Breaches };
        return await PublishAsync(brand, report, cancellationToken);
    }

    /// <summary>The ISO week starting on <paramref name="monday"/> (local dates).</summary>
    public async Task<ReportEntry> WriteWeeklyAsync(string brandId, DateOnly monday, CancellationToken cancellationToken = default)
    {
        var brand = Brand(brandId);
        var (report, _) = await BuildAsync(brand, ReportKind.Weekly, WeeklyPeriod(monday), monday, 7, cancellationToken);
        return await PublishAsync(brand, report, cancellationToken);
    }

    private async Task<(OperatingReport Report, IReadOnlyList<ChannelPartialFacts> Partials)> BuildAsync(
        Brand brand, ReportKind kind, string period, DateOnly firstDay, int days, CancellationToken cancellationToken)
    {
        var zone = ReviewFactsBuilder.TimeZoneOf(brand);
        var lastDay = firstDay.AddDays(days - 1);
        var from = ReviewWindow.LocalMidnight(firstDay, zone);
        var until = ReviewWindow.LocalMidnight(lastDay.AddDays(1), zone);
        var window = new ReviewWindow(brand.Id, ReviewMonth.Of(lastDay), zone, BaselineMonths: ReviewMonth.Of(firstDay) < ReviewMonth.Of(lastDay) ? 1 : 0);
        var partials = await builder.AggregateRangeAsync(brand, window, from, until, cancellationToken);

        var targets = new Dictionary<SalesChannel, decimal>();
        foreach (var month in Enumerable.Range(0, days).Select(d => ReviewMonth.Of(firstDay.AddDays(d))).Distinct())
        {
            var daysInPeriod = Enumerable.Range(0, days).Count(d => ReviewMonth.Of(firstDay.AddDays(d)) == month);
            foreach (var target in await data.GetTargetsAsync(brand.Id, month, cancellationToken))
            {
                targets[target.Channel] = targets.GetValueOrDefault(target.Channel) + (target.Revenue * daysInPeriod / month.Days);
            }
        }

        var missed = new Dictionary<SalesChannel, (int Missed, int Late)>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            var rollup = await backstop.GetDayAsync(brand.Id, day, cancellationToken);
            foreach (var (slug, counts) in rollup?.Channels ?? new Dictionary<string, BackstopChannelDay>())
            {
                if (SalesChannelNames.TryParseSlug(slug, out var channel))
                {
                    var current = missed.GetValueOrDefault(channel);
                    missed[channel] = (current.Missed + counts.MissedCount, current.Late + counts.LateCount);
                }
            }
        }

        var lines = new List<OperatingChannelLine>();
        foreach (var channel in Enum.GetValues<SalesChannel>())
        {
            var months = partials.Where(p => p.Channel == channel).SelectMany(p => p.Channels).ToList();
            var hasTarget = targets.TryGetValue(channel, out var target);
            var backstopCounts = missed.GetValueOrDefault(channel);
            if (months.Count == 0 && !hasTarget && backstopCounts == default)
            {
                continue;
            }

            var revenue = Round(months.Sum(m => m.Revenue));
            lines.Add(new OperatingChannelLine(
                channel, months.Sum(m => m.Orders), months.Sum(m => m.Units), revenue,
                hasTarget ? Round(target) : null, hasTarget ? revenue - Round(target) : null, backstopCounts.Missed, backstopCounts.Late));
        }

        var targetTotal = lines.Any(l => l.TargetRevenue is not null) ? lines.Sum(l => l.TargetRevenue ?? 0m) : (decimal?)null;
        var total = new OperatingChannelLine(
            null, lines.Sum(l => l.Orders), lines.Sum(l => l.Units), lines.Sum(l => l.Revenue), targetTotal,
            targetTotal is { } t ? lines.Sum(l => l.Revenue) - t : null, lines.Sum(l => l.MissedOrders), lines.Sum(l => l.LateOrders));
        // As of the period's end, from the alert records, not the counts as they stand now: a report written again (a
        // retried publish, a second instance) or later must be the same fact about the period, so the same bytes.
        var open = AlertsOpenAt.Count(await alertStore.ListUnresolvedSinceAsync(brand.Id, until, cancellationToken), until);
        var report = new OperatingReport(brand.Id, brand.DisplayName, kind, period, brand.TimeZone, brand.BaseCurrency, from, until, lines, total, open, 0, []);
        return (report, partials);
    }

    private async Task<(int Checked, IReadOnlyList<string> Breaches)> EnforceRulesAsync(Brand brand, DateOnly day, IReadOnlyList<ChannelPartialFacts> partials, bool enforce, CancellationToken cancellationToken)
    {
        var rules = await work.TryReadJsonAsync<ReviewAlertRules>(ReviewWorkStore.AlertRules(brand.Id), cancellationToken);
        if (enforce)
        {
            await ClearDroppedRulesAsync(brand, rules, cancellationToken);
        }

        if (rules is null || rules.Rules.Count == 0)
        {
            return (0, []);
        }

        var facts = await work.TryReadJsonAsync<BuiltReviewFacts>(ReviewWorkStore.Facts(new ReviewRun(brand.Id, rules.Month)), cancellationToken);
        var onHand = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var snapshot in data.ReadStockSnapshotsAsync(brand.Id, day, day.AddDays(1), cancellationToken))
        {
            onHand[snapshot.Sku] = onHand.GetValueOrDefault(snapshot.Sku) + snapshot.OnHand;
        }

        var campaigns = new List<CampaignMonth>();
        await foreach (var spend in data.ReadAdSpendAsync(brand.Id, day, day.AddDays(1), cancellationToken))
        {
            // ROAS is a ratio of two amounts in the row's own currency: no conversion needed for the check.
            campaigns.Add(new CampaignMonth(ReviewMonth.Of(day), spend.Channel, spend.Campaign, spend.Sku, spend.Spend, spend.AttributedSales, spend.AttributedUnits, [spend.SourceRow]));
        }

        var breaches = new List<string>();
        foreach (var rule in rules.Rules)
        {
            var subject = RuleSubject(rule);
            var why = AlertRuleCheck.Breach(rule, partials, campaigns, onHand, facts?.Facts.Stock ?? []);
            if (!enforce)
            {
                if (why is not null)
                {
                    breaches.Add($"{rule.Kind} {rule.Subject}: {why}");
                }

                continue;
            }

            if (why is null)
            {
                await alerts.ClearAsync(brand.Id, AlertKind.ReviewRuleBreached, subject, $"The check held on {day:yyyy-MM-dd}.", cancellationToken);
                continue;
            }

            breaches.Add($"{rule.Kind} {rule.Subject}: {why}");
            await alerts.RaiseAsync(
                new AlertRaise(brand.Id, AlertKind.ReviewRuleBreached, subject,
                    Cap($"{rule.Description} failed on {day:yyyy-MM-dd}: {why}. This check comes from the {rules.Month} monthly review's roadmap.", AlertRaise.MaxMessageLength))
                {
                    Signal = AlertRuleCheck.SignalOf(rule.Kind),
                    Channel = rule.Channel,
                    Evidence = new Dictionary<string, string>
                    {
                        ["rule"] = rule.Kind,
                        ["day"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        ["threshold"] = rule.Threshold.ToString(CultureInfo.InvariantCulture),
                        ["owner"] = rule.Owner,
                    },
                },
                cancellationToken);
        }

        return (rules.Rules.Count, breaches);
    }

    /// <summary>
    /// A breach alert of a rule the latest roadmap no longer sets is resolved: only a rule still enforced can clear its own
    /// alert ("the check passes on a later day"), so one a newer month's review dropped would stay open with its owner forever.
    /// </summary>
    private async Task ClearDroppedRulesAsync(Brand brand, ReviewAlertRules? rules, CancellationToken cancellationToken)
    {
        var enforced = (rules?.Rules ?? []).Select(RuleSubject).ToHashSet();
        foreach (var alert in await alertStore.ListAsync(brand.Id, kind: AlertKind.ReviewRuleBreached, cancellationToken: cancellationToken))
        {
            if (alert.IsUnresolved && !enforced.Contains(alert.Subject))
            {
                var why = rules is null ? "No monthly review roadmap sets this check any more." : $"The {rules.Month} monthly review's roadmap no longer sets this check.";
                await alerts.ClearAsync(brand.Id, AlertKind.ReviewRuleBreached, alert.Subject, why, cancellationToken);
            }
        }
    }

    private static AlertSubject RuleSubject(AlertRuleSpec rule) => new("review-rule", Cap($"{rule.Kind}:{rule.Subject}"));

    private async Task<ReportEntry> PublishAsync(Brand brand, OperatingReport report, CancellationToken cancellationToken)
    {
        var summary = new SortedDictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["revenue"] = report.Total.Revenue,
            ["orders"] = report.Total.Orders,
            ["missedOrders"] = report.Total.MissedOrders,
            ["lateOrders"] = report.Total.LateOrders,
            ["rulesBreached"] = report.RulesBreached.Count,
        };
        return await archive.PublishAsync(
            new ReportPublication(brand.Id, report.Kind, report.Period, brand.Owners.Shown(BrandSignal.Finance), OperatingReportFiles.Render(report), summary),
            cancellationToken);
    }

    private Brand Brand(string brandId) =>
        brands.Current.Brands.TryGetValue(brandId, out var brand) ? brand : throw new InvalidOperationException($"Brand '{brandId}' is not in the registry.");

    private static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static string Cap(string text, int max = AlertSubject.MaxIdLength) => text.Length <= max ? text : text[..max];
}
