using ServerlessOps.Domain.Review;
using ServerlessOps.Infrastructure.Review.Facts;
using ServerlessOps.Infrastructure.Tests.Reports;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Review.Facts;

/// <summary>When a review's months closed, read from the report archive on Azurite and the Cosmos server.</summary>
[Collection(SharedReportEmulators.Name)]
public sealed class ReviewClosingsTests(CosmosServerFixture cosmos, AzuriteFixture azurite) : ReportArchiveTestBase(cosmos, azurite)
{
    [Fact]
    public async Task MonthsOfTheWindow_CloseWhenFirstReported_NotWhenALaterVersionWasPublished()
    {
        var archive = Archive();
        var november = await archive.PublishAsync(Publication(SampleReports.November(), "2026-11"), Token);
        Time.Advance(TimeSpan.FromDays(3));
        await archive.PublishAsync(Publication(SampleReports.November(amazonRevenue: 48310.55m), "2026-11"), Token);
        Time.Advance(TimeSpan.FromDays(1));
        var october = await archive.PublishAsync(Publication(SampleReports.November(), "2026-10"), Token);
        await archive.PublishAsync(Publication(SampleReports.November(), "2025-11"), Token);

        // December's window: its twelve baseline months from 2025-12, and December itself, not reported yet.
        var closedAt = await ReviewClosings.ReadAsync(archive, new ReviewWindow("acme", new ReviewMonth(2026, 12), TimeZoneInfo.Utc), Token);

        Assert.Equal(
            [(new ReviewMonth(2026, 10), october.WrittenAt), (new ReviewMonth(2026, 11), november.WrittenAt)],
            closedAt.OrderBy(c => c.Key).Select(c => (c.Key, c.Value)));
    }

    /// <summary>
    /// A correction published, then undone (the first content published again): republishing restamped the first version's
    /// write time, so the month seemed first reported when the correction was, and a fee-schedule correction imported in
    /// between would have moved the closed month's figures.
    /// </summary>
    [Fact]
    public async Task MonthRepublishedWithItsFirstContent_StillClosesWhenFirstReported()
    {
        var archive = Archive();
        var first = await archive.PublishAsync(Publication(SampleReports.November(), "2026-11"), Token);
        Time.Advance(TimeSpan.FromDays(3));
        await archive.PublishAsync(Publication(SampleReports.November(amazonRevenue: 48310.55m), "2026-11"), Token);
        Time.Advance(TimeSpan.FromDays(1));

        var again = await archive.PublishAsync(Publication(SampleReports.November(), "2026-11"), Token);

        var closedAt = await ReviewClosings.ReadAsync(archive, new ReviewWindow("acme", new ReviewMonth(2026, 12), TimeZoneInfo.Utc), Token);
        Assert.Equal(first.WrittenAt, closedAt[new ReviewMonth(2026, 11)]);
        Assert.Equal((first.Version, first.WrittenAt), (again.Version, again.WrittenAt));
        Assert.Equal(first.Version, (await archive.GetAsync("acme", Domain.Review.Report.ReportKind.Monthly, "2026-11", Token))!.Version);
    }
}
