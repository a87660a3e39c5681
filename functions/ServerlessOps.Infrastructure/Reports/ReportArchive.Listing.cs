using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>The reports list in pages (<see cref="IReportArchive.ListPageAsync"/>).</summary>
public sealed partial class ReportArchive
{
    /// <summary>The kinds in the order the list shows them: the enum's (monthly, weekly, daily).</summary>
    private static readonly ReportKind[] ListedKinds = Enum.GetValues<ReportKind>();

    /// <remarks>
    /// The sort key is <c>period</c>, not the entry's <c>sortKey</c>: publishing an older version's content again rewrites
    /// <c>sortKey</c> (the version becomes its period's newest again), so a page boundary on it could move and a version be
    /// listed twice or never; the period is written once. Versions of one period tie on it and follow by id
    /// (<c>{kind}:{period}:{version}</c>), descending. Periods sort as text only within a kind (2026-W47 &gt; 2026-11-30 &gt;
    /// 2026-11), so the kinds are read one after the other, each a keyset page of its own; the cursor's id names the kind it
    /// stopped in. A page thus costs at most two queries per kind it reaches.
    /// </remarks>
    public async Task<Page<ReportEntry>> ListPageAsync(string brandId, ReportKind? kind, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!BrandIds.IsValid(brandId))
        {
            return new Page<ReportEntry>([], null);
        }

        // A cursor whose id names no kind (forged; ours always do) lists nothing after it.
        ReportKind? resumeIn = null;
        if (page.After is { } after)
        {
            resumeIn = ListedKinds.Cast<ReportKind?>().FirstOrDefault(k => after.Id.StartsWith(ReportNames.Kind(k!.Value) + ":", StringComparison.Ordinal));
            if (resumeIn is null)
            {
                return new Page<ReportEntry>([], null);
            }
        }

        // One more than the page, so a full page knows whether anything follows, even in the next kind.
        var listed = new List<ReportDocument>();
        foreach (var listedKind in kind is { } only ? [only] : ListedKinds)
        {
            if (resumeIn is { } resume && listedKind < resume)
            {
                continue;
            }

            var read = await KeysetPageQuery.ReadAsync(
                _documents,
                ReportDocument.EntriesPartition(brandId),
                ReportDocument.EntryType,
                "c.kind = @kind",
                [new("@kind", ReportNames.Kind(listedKind))],
                "c.period",
                d => d.Period!,
                d => d.Id,
                new PageRequest(page.Limit + 1 - listed.Count, listedKind == resumeIn ? page.After : null),
                cancellationToken);
            listed.AddRange(read.Items);
            if (listed.Count > page.Limit)
            {
                break;
            }
        }

        if (listed.Count <= page.Limit)
        {
            return new Page<ReportEntry>([.. listed.Select(ToEntry)], null);
        }

        var items = listed.Take(page.Limit).ToList();
        return new Page<ReportEntry>([.. items.Select(ToEntry)], new KeysetPosition(items[^1].Period!, items[^1].Id));
    }
}
