using System.Text;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Audit;
using ServerlessOps.Domain.Review.Findings;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Domain.Review.Pnl;
using ServerlessOps.Domain.Review.Prioritize;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Domain.Review.Scale;
using ServerlessOps.Infrastructure.Reports;
using ServerlessOps.Infrastructure.Review.Facts;

namespace ServerlessOps.Infrastructure.Review.Operations;

/// <summary>
/// <see cref="IMonthlyReviewSteps"/> on the truth, the review's imports, the work blobs, the alert raiser and the report
/// archive. Each step reads the brand from the registry snapshot, reads what earlier steps wrote and overwrites its own
/// output deterministically, so a step run twice leaves the same blobs and publishes the same version.
/// </summary>
public sealed class MonthlyReviewSteps(
    IBrandDirectorySource brands, ReviewFactsBuilder builder, ReviewWorkStore work, IAlertRaiser alerts, IReportArchive archive) : IMonthlyReviewSteps
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<ChannelFactsRef> AggregateChannelAsync(ReviewRun run, SalesChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var brand = Brand(run);
        var window = await ClosedWindowAsync(brand, run, cancellationToken);
        var pnlBlob = ReviewWorkStore.ChannelPnlLines(run, channel);
        ChannelPartialFacts partial;
        await using (var stream = await work.OpenWriteAsync(pnlBlob, cancellationToken))
        await using (var writer = new StreamWriter(stream, Utf8) { NewLine = "\n" })
        {
            partial = await builder.BuildChannelAsync(brand, window, channel, writer, cancellationToken);
        }

        var factsBlob = ReviewWorkStore.ChannelFacts(run, channel);
        await work.WriteJsonAsync(factsBlob, partial, cancellationToken);
        return new ChannelFactsRef(channel, factsBlob, pnlBlob, partial.OrdersRead, partial.LinesRead);
    }

    public async Task<FactsRef> AssembleFactsAsync(ReviewRun run, IReadOnlyList<ChannelFactsRef> channels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(channels);
        var brand = Brand(run);
        var partials = new List<ChannelPartialFacts>();
        foreach (var channel in channels.OrderBy(c => c.Channel))
        {
            partials.Add(await work.ReadJsonAsync<ChannelPartialFacts>(channel.FactsBlob, cancellationToken));
        }

        var built = await builder.AssembleAsync(brand, await ClosedWindowAsync(brand, run, cancellationToken), partials, cancellationToken);
        var blob = ReviewWorkStore.Facts(run);
        await work.WriteJsonAsync(blob, built, cancellationToken);
        return new FactsRef(blob, built.RowsRead);
    }

    public async Task<PhaseRef> AuditAsync(ReviewRun run, CancellationToken cancellationToken = default)
    {
        var facts = await FactsAsync(run, cancellationToken);
        var findings = MonthlyAudit.Run(facts.Facts);
        var blob = ReviewWorkStore.Findings(run);
        await work.WriteJsonAsync(blob, findings, cancellationToken);
        return new PhaseRef(blob, findings.Count);
    }

    public async Task<PhaseRef> PrioritizeAsync(ReviewRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var brand = Brand(run);
        var findings = await work.ReadJsonAsync<List<Finding>>(ReviewWorkStore.Findings(run), cancellationToken);
        var roadmap = Prioritizer.Rank(findings, brand.Owners);
        var previous = await PreviousRoadmapAsync(run, cancellationToken);
        var recovery = LoopClosure.Compare(previous, findings, brand.BaseCurrency);
        var blob = ReviewWorkStore.Roadmap(run);
        await work.WriteJsonAsync(blob, new ReviewRoadmap(roadmap, recovery), cancellationToken);
        return new PhaseRef(blob, roadmap.Count);
    }

    /// <summary>
    /// Stores the roadmap's alert rules as the brand's (unless a newer month's review stored its own, even one stored while
    /// this step ran: <see cref="ReviewWorkStore.UpdateJsonAsync{T}"/>) and tells each item's
    /// owner with a <see cref="AlertKind.ReviewActionAssigned"/> alert on the item: one alert per brand, month and root
    /// cause, so a retried step notifies no one twice. Then closes last month's items (<see cref="CloseLastMonthsItemsAsync"/>).
    /// A hand re-run of a month older than the newest review stores no rules and raises and closes nothing: the newer review
    /// has already closed that month's items, and raising them again would reopen them.
    /// </summary>
    public async Task<PhaseRef> BuildAsync(ReviewRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var brand = Brand(run);
        var roadmap = await work.ReadJsonAsync<ReviewRoadmap>(ReviewWorkStore.Roadmap(run), cancellationToken);
        var rules = roadmap.Items.Select(i => i.AlertRule).OfType<AlertRuleSpec>().ToList();
        var name = ReviewWorkStore.AlertRules(brand.Id);
        var built = new ReviewAlertRules(brand.Id, run.Month, rules);

        // Conditional on what was read: a newer month's build (or an older month's hand re-run) storing its rules between
        // this read and this write makes the write fail and the decision be made again on theirs.
        var newest = await work.UpdateJsonAsync<ReviewAlertRules>(name, stored => built.MayReplace(stored) ? built : null, cancellationToken);
        if (!newest)
        {
            return new PhaseRef(name, rules.Count);
        }

        foreach (var item in roadmap.Items)
        {
            var channel = item.Findings.Select(f => f.Channel).Distinct().ToList() is [{ } only] ? only : (SalesChannel?)null;
            await alerts.RaiseAsync(
                new AlertRaise(brand.Id, AlertKind.ReviewActionAssigned, ActionSubject(run.Month, item.RootCause),
                    Truncate($"Monthly review {run.Month}, roadmap item {item.Rank}: {item.Title}. {item.MonthlyMoney:0.00} {brand.BaseCurrency} a month at stake, effort {item.Effort}; you own the fix."
                        + (item.AlertRule is { } rule ? $" From now on it is checked daily: {rule.Description}" : string.Empty)))
                {
                    Signal = item.Signal,
                    Channel = channel,
                    MoneyAtStake = new MoneyAtStake(Math.Max(0m, item.MonthlyMoney), brand.BaseCurrency),
                    Evidence = new Dictionary<string, string>
                    {
                        ["rank"] = item.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["rootCause"] = Truncate(item.RootCause, AlertRaise.MaxEvidenceValueLength),
                        ["findings"] = item.Findings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["owner"] = item.Owner,
                    },
                },
                cancellationToken);
        }

        await CloseLastMonthsItemsAsync(brand.Id, brand.BaseCurrency, run, roadmap, cancellationToken);
        return new PhaseRef(name, rules.Count);
    }

    /// <summary>
    /// Resolves the alerts of last month's roadmap items, each saying what this month's review found (the loop closure's
    /// figures): recovered, too little left to keep on the roadmap, or carried into this month's roadmap, whose own alert on
    /// the item follows it. So the open assigned fixes are this month's, and an owner never keeps one whose problem is gone.
    /// An item kept in another base currency (not compared, <see cref="LoopClosure"/>) stays open for its owner to resolve.
    /// Resolving twice changes nothing, so a retried step is harmless.
    /// </summary>
    private async Task CloseLastMonthsItemsAsync(string brandId, string currency, ReviewRun run, ReviewRoadmap roadmap, CancellationToken cancellationToken)
    {
        var lastMonth = run.Period().Previous.ToString();
        var thisMonths = roadmap.Items.GroupBy(i => i.RootCause, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var check in roadmap.Recovery)
        {
            var found = thisMonths.TryGetValue(check.RootCause, out var item)
                ? $"carries it into its roadmap as item {item.Rank} ({Money(check.MonthlyMoneyNow)} a month at stake): that item's alert follows it"
                : check.MonthlyMoneyNow == 0m
                    ? "no longer finds it"
                    : $"finds {Money(check.MonthlyMoneyNow)} a month left, too little to keep on the roadmap";
            await alerts.ClearAsync(
                brandId, AlertKind.ReviewActionAssigned, ActionSubject(lastMonth, check.RootCause),
                Truncate($"Monthly review {run.Month} {found}; {Money(check.Recovered)} {currency} a month recovered since {lastMonth}."),
                cancellationToken);
        }

        static string Money(decimal amount) => amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The subject of a month's roadmap item's alert: month and root cause, cut to a subject's length.</summary>
    private static AlertSubject ActionSubject(string month, string rootCause)
    {
        var id = $"{month}:{rootCause}";
        return new AlertSubject("review-item", id.Length > AlertSubject.MaxIdLength ? id[..AlertSubject.MaxIdLength] : id);
    }

    public async Task<PhaseRef> ScaleAsync(ReviewRun run, CancellationToken cancellationToken = default)
    {
        var facts = await FactsAsync(run, cancellationToken);
        var calls = ScaleAnalysis.Evaluate(facts.Facts);
        var blob = ReviewWorkStore.Scale(run);
        await work.WriteJsonAsync(blob, calls, cancellationToken);
        return new PhaseRef(blob, calls.Count);
    }

    /// <summary>
    /// The report model from the work blobs, its rendered files plus <c>pnl-lines.csv</c> (the channels' traces, in channel
    /// order, under one header), published under the finance owner. Findings in roadmap order.
    /// </summary>
    public async Task<ReviewPublished> PublishAsync(ReviewRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var brand = Brand(run);
        var window = Window(brand, run);
        var facts = await FactsAsync(run, cancellationToken);
        var findings = await work.ReadJsonAsync<List<Finding>>(ReviewWorkStore.Findings(run), cancellationToken);
        var roadmap = await work.ReadJsonAsync<ReviewRoadmap>(ReviewWorkStore.Roadmap(run), cancellationToken);
        var scale = await work.ReadJsonAsync<List<ScaleCall>>(ReviewWorkStore.Scale(run), cancellationToken);
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in roadmap.Items)
        {
            foreach (var finding in item.Findings)
            {
                rank.TryAdd(Key(finding), item.Rank);
            }
        }

        var ordered = findings.OrderBy(f => rank.GetValueOrDefault(Key(f), int.MaxValue)).ToList();
        var report = new MonthlyReport(
            brand.Id, brand.DisplayName, window.Month, brand.BaseCurrency, brand.TimeZone, window.Month.StartIn(window.TimeZone), window.Until,
            ProfitAndLoss.For(facts.Facts), ordered, roadmap.Items, scale, roadmap.Recovery, facts.Restatements, facts.RowsRead);

        var files = MonthlyReportFiles.Render(report).ToList();
        files.Add(new ReportFileContent(PnlLinesCsv.FileName, PnlLinesCsv.ContentType, await PnlLinesAsync(run, cancellationToken)));
        var total = report.Pnl.FirstOrDefault(p => p.Channel is null);
        var summary = new SortedDictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["revenue"] = total?.Revenue ?? 0m,
            ["contribution"] = total?.Contribution ?? 0m,
            ["findings"] = ordered.Count,
            ["moneyAtStake"] = ordered.Sum(f => f.MonthlyMoney),
        };
        var owner = brand.Owners.Shown(BrandSignal.Finance);
        var entry = await archive.PublishAsync(new ReportPublication(brand.Id, ReportKind.Monthly, run.Month, owner, files, summary), cancellationToken);
        return new ReviewPublished(entry.Period, entry.Version, [.. entry.Files.Select(f => f.Name)], entry.Owner);
    }

    private async Task<ReadOnlyMemory<byte>> PnlLinesAsync(ReviewRun run, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Utf8.GetBytes(PnlLinesCsv.Header + "\n"));
        foreach (var channel in Enum.GetValues<SalesChannel>())
        {
            await work.CopyToAsync(ReviewWorkStore.ChannelPnlLines(run, channel), buffer, cancellationToken);
        }

        return buffer.ToArray();
    }

    /// <summary>Last month's roadmap from its published report.json; empty on the first review or when none was published.</summary>
    private async Task<IReadOnlyList<RoadmapItem>> PreviousRoadmapAsync(ReviewRun run, CancellationToken cancellationToken)
    {
        var previous = await archive.GetAsync(run.BrandId, ReportKind.Monthly, run.Period().Previous.ToString(), cancellationToken);
        if (previous is null || await archive.ReadFileAsync(previous, MonthlyReportFiles.ReportJson, cancellationToken) is not { } json)
        {
            return [];
        }

        return MonthlyReportFiles.ReadReport(json).Roadmap;
    }

    /// <summary>
    /// The review's window with when each of its months was first reported (<see cref="ReviewClosings"/>): a closed month,
    /// whether run again, read as a baseline or restated, is priced with the fee schedule as known then.
    /// </summary>
    private async Task<ReviewWindow> ClosedWindowAsync(Brand brand, ReviewRun run, CancellationToken cancellationToken)
    {
        var window = Window(brand, run);
        return window with { ClosedAt = await ReviewClosings.ReadAsync(archive, window, cancellationToken) };
    }

    private Task<BuiltReviewFacts> FactsAsync(ReviewRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return work.ReadJsonAsync<BuiltReviewFacts>(ReviewWorkStore.Facts(run), cancellationToken);
    }

    private Brand Brand(ReviewRun run) =>
        brands.Current.Brands.TryGetValue(run.BrandId, out var brand)
            ? brand
            : throw new InvalidOperationException($"Monthly review {run.Month} of brand '{run.BrandId}': the brand is not in the registry.");

    private static ReviewWindow Window(Brand brand, ReviewRun run) => new(brand.Id, run.Period(), ReviewFactsBuilder.TimeZoneOf(brand));

    /// <summary>A finding's identity across blobs (deserialized copies are not reference-equal).</summary>
    private static string Key(Finding finding) => $"{finding.Type}|{finding.Subject}|{finding.RootCause}|{finding.Channel}|{finding.Sku}";

    private static string Truncate(string text, int max = AlertRaise.MaxMessageLength) => text.Length <= max ? text : text[..max];
}
