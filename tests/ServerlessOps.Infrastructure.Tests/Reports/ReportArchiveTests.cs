using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Reports;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Reports;

/// <summary>Publishing reports on Azurite and the Cosmos server: written once, versioned by content, indexed only when complete.</summary>
[Collection(SharedReportEmulators.Name)]
public sealed class ReportArchiveTests(CosmosServerFixture cosmos, AzuriteFixture azurite) : ReportArchiveTestBase(cosmos, azurite)
{
    [Fact]
    public async Task Publish_SameContentTwice_IsOneEntryAndOneSetOfBlobs()
    {
        var archive = Archive();
        var first = await archive.PublishAsync(Publication(SampleReports.November()), Token);
        Time.Advance(TimeSpan.FromHours(1));

        var second = await archive.PublishAsync(Publication(SampleReports.November()), Token);

        Assert.Equal(first.Version, second.Version);
        Assert.Equal(first.WrittenAt, second.WrittenAt);
        Assert.Single(await archive.ListAsync("acme", ReportKind.Monthly, Token));
        var blobs = await BlobNamesAsync("acme/monthly/2026-11/");
        Assert.Equal(5, blobs.Count);
        Assert.All(blobs, b => Assert.StartsWith($"acme/monthly/2026-11/{first.Version}/", b, StringComparison.Ordinal));
        Assert.Equal(16, first.Version.Length);
    }

    [Fact]
    public async Task Publish_NewContentForTheSamePeriod_IsANewVersionBesideTheOld()
    {
        var archive = Archive();
        var old = await archive.PublishAsync(Publication(SampleReports.November()), Token);
        Time.Advance(TimeSpan.FromMinutes(5));

        var corrected = await archive.PublishAsync(Publication(SampleReports.November(amazonRevenue: 48310.55m)), Token);

        Assert.NotEqual(old.Version, corrected.Version);
        Assert.Equal(10, (await BlobNamesAsync("acme/monthly/2026-11/")).Count);
        Assert.Equal([corrected.Version, old.Version], (await archive.ListAsync("acme", ReportKind.Monthly, Token)).Select(e => e.Version));
        Assert.Equal(corrected.Version, (await archive.GetAsync("acme", ReportKind.Monthly, "2026-11", Token))!.Version);
        var oldJson = await archive.ReadFileAsync(old, MonthlyReportFiles.ReportJson, Token);
        Assert.Equal(48210.55m, MonthlyReportFiles.ReadReport(oldJson).Pnl[1].Revenue);
    }

    [Fact]
    public async Task Publish_ContentOfAnOlderVersionAgain_MakesThatVersionTheLatestAgain()
    {
        var archive = Archive();
        var first = await archive.PublishAsync(Publication(SampleReports.November()), Token);
        Time.Advance(TimeSpan.FromMinutes(5));
        var corrected = await archive.PublishAsync(Publication(SampleReports.November(amazonRevenue: 48310.55m)), Token);
        Time.Advance(TimeSpan.FromMinutes(5));

        // The correction is undone: the month's truth is the first content again.
        var again = await archive.PublishAsync(Publication(SampleReports.November()), Token);

        Assert.Equal(first.Version, again.Version);
        Assert.Equal(first.Version, (await archive.GetLatestAsync("acme", ReportKind.Monthly, Token))!.Version);
        Assert.Equal(first.Version, (await archive.GetAsync("acme", ReportKind.Monthly, "2026-11", Token))!.Version);
        Assert.Equal([first.Version, corrected.Version], (await archive.ListAsync("acme", ReportKind.Monthly, Token)).Select(e => e.Version));
        Assert.Equal(10, (await BlobNamesAsync("acme/monthly/2026-11/")).Count);
    }

    [Fact]
    public async Task GetLatest_IsTheNewestPeriodEvenWhenAnOlderPeriodIsRepublishedLater()
    {
        var archive = Archive();
        Assert.Null(await archive.GetLatestAsync("acme", ReportKind.Monthly, Token));
        await archive.PublishAsync(Publication(SampleReports.November(), "2026-10"), Token);
        Time.Advance(TimeSpan.FromDays(30));
        var november = await archive.PublishAsync(Publication(SampleReports.November(), "2026-11"), Token);
        Time.Advance(TimeSpan.FromDays(1));
        await archive.PublishAsync(Publication(SampleReports.November(amazonRevenue: 1m), "2026-10"), Token);

        var latest = await archive.GetLatestAsync("acme", ReportKind.Monthly, Token);

        Assert.Equal(("2026-11", november.Version), (latest!.Period, latest.Version));
        Assert.Equal(["2026-11", "2026-10", "2026-10"], (await archive.ListAsync("acme", cancellationToken: Token)).Select(e => e.Period));
        Assert.Null(await archive.GetLatestAsync("acme", ReportKind.Weekly, Token));
        Assert.Empty(await archive.ListAsync("globex", cancellationToken: Token));
    }

    [Fact]
    public async Task Publish_FailingBetweenBlobs_IndexesNothingAndPublishingAgainCompletesIt()
    {
        var failing = Archive(new FailNthUpload(3));

        await Assert.ThrowsAsync<StoreUnavailableException>(() => failing.PublishAsync(Publication(SampleReports.November()), Token));

        var archive = Archive();
        Assert.Null(await archive.GetLatestAsync("acme", ReportKind.Monthly, Token));
        Assert.Equal(2, (await BlobNamesAsync("acme/")).Count);
        var entry = await archive.PublishAsync(Publication(SampleReports.November()), Token);
        Assert.Equal(entry.Version, (await archive.GetLatestAsync("acme", ReportKind.Monthly, Token))!.Version);
        Assert.Equal(5, (await BlobNamesAsync("acme/")).Count);
        foreach (var file in entry.Files)
        {
            var bytes = await archive.ReadFileAsync(entry, file.Name, Token);
            Assert.Equal(file.Bytes, bytes!.Length);
            Assert.Equal(file.Sha256, ReportVersion.Sha256(bytes));
        }
    }

    [Fact]
    public async Task Publish_ABlobNameOutsideTheRules_IsRefusedBeforeAnythingIsWritten()
    {
        var archive = Archive();
        var publication = Publication(SampleReports.November()) with { Files = [new ReportFileContent("../escape.json", "application/json", new byte[] { 1 })] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => archive.PublishAsync(publication, Token));

        Assert.Contains("'../escape.json'", error.Message, StringComparison.Ordinal);
        Assert.False(await Blobs.ExistsAsync(Token));
    }

    /// <summary>Fails the nth blob upload (a PUT) with a 503, as a storage outage mid-publish would.</summary>
    private sealed class FailNthUpload(int n) : HttpPipelineSynchronousPolicy
    {
        private int _uploads;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Put && message.Request.Uri.Path.Contains("/acme/", StringComparison.Ordinal) && Interlocked.Increment(ref _uploads) == n)
            {
                throw new RequestFailedException(503, "Injected outage before the upload.");
            }
        }
    }
}
