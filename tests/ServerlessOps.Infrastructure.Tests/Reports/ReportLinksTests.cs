using System.Net;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Infrastructure.Reports;
using ServerlessOps.Testing.Emulators;

namespace ServerlessOps.Infrastructure.Tests.Reports;

/// <summary>Download links against Azurite: they read the one file, cannot write, stop working at their expiry, and each is recorded.</summary>
[Collection(SharedReportEmulators.Name)]
public sealed class ReportLinksTests(CosmosServerFixture cosmos, AzuriteFixture azurite) : ReportArchiveTestBase(cosmos, azurite)
{
    private static readonly HttpClient Http = new();

    private static readonly PageRequest AllOnOnePage = new(100);

    [Fact]
    public async Task Link_DownloadsTheFileWithoutAnyOtherCredential()
    {
        var entry = await Archive().PublishAsync(Publication(SampleReports.November()), Token);

        var link = await Links(TimeProvider.System).IssueAsync(entry, MonthlyReportFiles.ReviewXlsx, null, "finance-acme", Token);

        using var response = await Http.GetAsync(link!.Url, Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync(Token);
        Assert.Equal(entry.Files.Single(f => f.Name == MonthlyReportFiles.ReviewXlsx).Sha256, ReportVersion.Sha256(bytes));
        Assert.Equal(MonthlyReportFiles.XlsxContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("acme-monthly-2026-11-review.xlsx", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.Contains("sp=r", link.Url.Query, StringComparison.Ordinal);
        Assert.InRange(link.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Link_CannotWriteTheBlobNorReadAnother()
    {
        var entry = await Archive().PublishAsync(Publication(SampleReports.November()), Token);
        var link = await Links(TimeProvider.System).IssueAsync(entry, MonthlyReportFiles.ReviewHtml, null, "finance-acme", Token);

        using var put = new HttpRequestMessage(HttpMethod.Put, link!.Url) { Content = new ByteArrayContent("<p>forged</p>"u8.ToArray()) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        put.Headers.Add("x-ms-version", "2021-12-02");
        using var written = await Http.SendAsync(put, Token);
        var other = new UriBuilder(link.Url) { Path = link.Url.AbsolutePath.Replace("review.html", "report.json", StringComparison.Ordinal) }.Uri;
        using var read = await Http.GetAsync(other, Token);

        Assert.Equal(HttpStatusCode.Forbidden, written.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        var stored = await Archive().ReadFileAsync(entry, MonthlyReportFiles.ReviewHtml, Token);
        Assert.Equal(entry.Files.Single(f => f.Name == MonthlyReportFiles.ReviewHtml).Sha256, ReportVersion.Sha256(stored));
    }

    [Fact]
    public async Task Link_AfterItsLifetime_IsRefused()
    {
        var entry = await Archive().PublishAsync(Publication(SampleReports.November()), Token);
        var link = await Links(TimeProvider.System).IssueAsync(entry, MonthlyReportFiles.PnlCsv, TimeSpan.FromSeconds(2), "finance-acme", Token);

        using (var early = await Http.GetAsync(link!.Url, Token))
        {
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        }

        // Poll for the refusal rather than sleep a guess; Azurite checks expiry to the second, against the same clock.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        HttpStatusCode status;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
            using var late = await Http.GetAsync(link.Url, deadline.Token);
            status = late.StatusCode;
        }
        while (status == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.True(DateTimeOffset.UtcNow >= link.ExpiresAt, $"Refused at {DateTimeOffset.UtcNow:O}, before its expiry {link.ExpiresAt:O}.");
    }

    [Fact]
    public async Task Links_AreRecordedWithWhoWhenWhichFileAndExpiryButNotTheSignature()
    {
        var entry = await Archive().PublishAsync(Publication(SampleReports.November()), Token);
        var links = Links();
        var first = await links.IssueAsync(entry, MonthlyReportFiles.ReviewXlsx, TimeSpan.FromMinutes(5), "finance-acme", Token);
        Time.Advance(TimeSpan.FromMinutes(1));
        var second = await links.IssueAsync(entry, MonthlyReportFiles.FindingsJson, null, "cfo@acme.example", Token);

        var records = (await links.ListIssuedAsync("acme", AllOnOnePage, Token)).Items;

        Assert.Equal([second!.Record.Id, first!.Record.Id], records.Select(r => r.Id));
        var record = records[1];
        Assert.Equal(("finance-acme", MonthlyReportFiles.ReviewXlsx, "2026-11", entry.Version, ReportKind.Monthly), (record.Actor, record.File, record.Period, record.Version, record.Kind));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.Zero), record.IssuedAt);
        Assert.Equal(record.IssuedAt.AddMinutes(5), record.ExpiresAt);
        Assert.Equal(record.IssuedAt.AddMinutes(16), records[0].ExpiresAt);
        Assert.Empty((await links.ListIssuedAsync("globex", AllOnOnePage, Token)).Items);
        var stored = System.Text.Json.JsonSerializer.Serialize(records);
        Assert.DoesNotContain("sig=", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_ForAFileTheReportDoesNotHave_IsNullAndLongerThanTheMaximum_IsRefused()
    {
        var entry = await Archive().PublishAsync(Publication(SampleReports.November()), Token);
        var links = Links();

        Assert.Null(await links.IssueAsync(entry, "payroll.xlsx", null, "finance-acme", Token));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => links.IssueAsync(entry, MonthlyReportFiles.PnlCsv, TimeSpan.FromMinutes(61), "finance-acme", Token));
        Assert.Empty((await links.ListIssuedAsync("acme", AllOnOnePage, Token)).Items);
    }
}
