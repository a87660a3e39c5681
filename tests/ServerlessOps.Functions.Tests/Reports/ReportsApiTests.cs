using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Paging;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Report;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Reports;

namespace ServerlessOps.Functions.Tests.Reports;

/// <summary>
/// The report routes end to end on the emulators: operations and finance list reports and read the latest; only the
/// brand's finance role gets a download link, which downloads the file and is audited with who, when and which file.
/// </summary>
public sealed class ReportsApiTests(FunctionAppFixture fixture)
{
    private const string FinanceAcmeKey = "finance-acme-key-0000000000000000";
    private const string OperationsAcmeKey = "operations-acme-key-000000000000000";
    private const string FinanceGlobexKey = "finance-globex-key-00000000000000000";
    private const string AdminAcmeKey = "admin-acme-key-00000000000000000000";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListAndLatest_ForOperationsAndFinance_ShowThePublishedReport()
    {
        await using var app = StartApp();
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(app, HttpMethod.Get, "api/brands/acme/reports/monthly/latest", FinanceAcmeKey)).StatusCode);
        var entry = await PublishAsync(app);

        foreach (var key in new[] { OperationsAcmeKey, FinanceAcmeKey })
        {
            using var list = await SendAsync(app, HttpMethod.Get, "api/brands/acme/reports?kind=monthly", key);
            var reports = Json.Parse(await list.Content.ReadAsStringAsync(Token)).Items("reports");
            Assert.Equal(entry.Version, Assert.Single(reports).Str("version"));
            using var latest = await SendAsync(app, HttpMethod.Get, "api/brands/acme/reports/monthly/latest", key);
            var body = Json.Parse(await latest.Content.ReadAsStringAsync(Token));
            Assert.Equal(("2026-11", entry.Version), (body.Str("period"), body.Str("version")));
            Assert.Equal(5, body.Items("files").Length);
        }

        await Problem.AssertOfTypeAsync(await SendAsync(app, HttpMethod.Get, "api/brands/acme/reports?kind=yearly", FinanceAcmeKey), HttpStatusCode.BadRequest, "invalid-parameter", "yearly");
        await Problem.AssertOfTypeAsync(await SendAsync(app, HttpMethod.Get, "api/brands/acme/reports", FinanceGlobexKey), HttpStatusCode.Forbidden, "forbidden-brand");
    }

    [Fact]
    public async Task Link_ForTheBrandsFinanceRole_DownloadsTheFileAndIsAuditedWithoutTheSignature()
    {
        await using var app = StartApp();
        var entry = await PublishAsync(app);

        using var response = await SendAsync(app, HttpMethod.Post, $"api/brands/acme/reports/monthly/2026-11/{entry.Version}/links", FinanceAcmeKey, new { file = "review.xlsx", lifetimeSeconds = 120 });

        var body = Json.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.True(response.StatusCode == HttpStatusCode.OK, Json.Shorten(body));
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var url = new Uri(body.Str("url"));
        using var http = new HttpClient();
        var downloaded = await http.GetByteArrayAsync(url, Token);
        Assert.Equal(entry.Files.Single(f => f.Name == "review.xlsx").Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(downloaded)));
        Assert.InRange(body.Time("expiresAt") - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(120));

        using var audit = await SendAsync(app, HttpMethod.Get, "api/brands/acme/reports/links", FinanceAcmeKey);
        var auditText = await audit.Content.ReadAsStringAsync(Token);
        var record = Assert.Single(Json.Parse(auditText).Items("links"));
        Assert.Equal(("finance-acme", "review.xlsx", "2026-11", entry.Version), (record.Str("actor"), record.Str("file"), record.Str("period"), record.Str("version")));
        Assert.Equal(body.Time("expiresAt"), record.Time("expiresAt"));
        Assert.InRange(record.Time("issuedAt"), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        var signature = System.Web.HttpUtility.ParseQueryString(url.Query)["sig"]!;
        Assert.DoesNotContain(signature, auditText, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Services.GetFakeLogCollector().GetSnapshot(), r => r.Message.Contains(signature, StringComparison.Ordinal) || r.Message.Contains("sig=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Link_ForOperationsAnotherBrandsFinanceOrAnAdminWithoutFinance_Is403AndNothingIsRecorded()
    {
        await using var app = StartApp();
        var entry = await PublishAsync(app);
        var route = $"api/brands/acme/reports/monthly/2026-11/{entry.Version}/links";
        var request = new { file = "review.xlsx" };

        await Problem.AssertOfTypeAsync(await SendAsync(app, HttpMethod.Post, route, OperationsAcmeKey, request), HttpStatusCode.Forbidden, "forbidden-role", "finance");
        await Problem.AssertOfTypeAsync(await SendAsync(app, HttpMethod.Post, route, FinanceGlobexKey, request), HttpStatusCode.Forbidden, "forbidden-brand", "'acme'");
        await Problem.AssertOfTypeAsync(await SendAsync(app, HttpMethod.Post, route, AdminAcmeKey, request), HttpStatusCode.Forbidden, "forbidden-role", "finance role itself");

        Assert.Empty((await app.Services.GetRequiredService<ReportLinks>().ListIssuedAsync("acme", new PageRequest(10), Token)).Items);
    }

    [Fact]
    public async Task Link_ForAnUnknownVersionOrFileOrTooLongALife_IsRefusedNamingWhy()
    {
        await using var app = StartApp();
        var entry = await PublishAsync(app);
        var route = $"api/brands/acme/reports/monthly/2026-11/{entry.Version}/links";

        await Problem.AssertOfTypeAsync(await SendAsync(app, HttpMethod.Post, "api/brands/acme/reports/monthly/2026-11/0000000000000000/links", FinanceAcmeKey, new { file = "review.xlsx" }), HttpStatusCode.NotFound, "not-found", "0000000000000000");
        await Problem.AssertOfTypeAsync(await SendAsync(app, HttpMethod.Post, route, FinanceAcmeKey, new { file = "payroll.xlsx" }), HttpStatusCode.NotFound, "not-found", "payroll.xlsx", "review.html");
        await Problem.AssertOfTypeAsync(await SendAsync(app, HttpMethod.Post, route, FinanceAcmeKey, new { file = "review.xlsx", lifetimeSeconds = 7200 }), HttpStatusCode.BadRequest, "invalid-body", "lifetimeSeconds", "3600");
        await Problem.AssertOfTypeAsync(await SendAsync(app, HttpMethod.Post, "api/brands/acme/reports/yearly/2026/x/links", FinanceAcmeKey, new { file = "review.xlsx" }), HttpStatusCode.BadRequest, "invalid-parameter", "yearly");
        Assert.Empty((await app.Services.GetRequiredService<ReportLinks>().ListIssuedAsync("acme", new PageRequest(10), Token)).Items);
    }

    private TestApp StartApp()
    {
        var settings = TestApiKey.Settings(
            new("finance-acme", FinanceAcmeKey, "finance", "acme"),
            new("operations-acme", OperationsAcmeKey, "operations", "acme"),
            new("finance-globex", FinanceGlobexKey, "finance", "globex"),
            new("admin-acme", AdminAcmeKey, "admin", "acme"));
        settings["Reports:BlobContainer"] = $"reports-{Guid.NewGuid():N}"[..30];
        return TestApp.Start(fixture, TestApp.TriggersOff(settings));
    }

    /// <summary>A small November review of acme, rendered and published through the app's own archive.</summary>
    private static async Task<ReportEntry> PublishAsync(TestApp app)
    {
        var total = new PnlLine(null, 3, 4, 120.50m, 150m, 12.05m, false, 10m, 0m, 48m, 50.45m);
        var report = new MonthlyReport(
            "acme", "Acme Outfitters", new ReviewMonth(2026, 11), "USD", "America/New_York",
            new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-4)), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(-5)),
            [total with { Channel = SalesChannel.Shopify }, total], [], [], [], [], [], new Dictionary<string, long> { ["orderLines"] = 4 });
        var publication = new ReportPublication("acme", ReportKind.Monthly, "2026-11", "finance@acme.example", MonthlyReportFiles.Render(report), new Dictionary<string, decimal> { ["revenue"] = 120.50m });
        return await app.Services.GetRequiredService<IReportArchive>().PublishAsync(publication, Token);
    }

    private static async Task<HttpResponseMessage> SendAsync(TestApp app, HttpMethod method, string path, string apiKey, object? body = null)
    {
        using var client = app.Factory.CreateClient();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add(CallerResolver.ApiKeyHeader, apiKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request, Token);
    }
}
