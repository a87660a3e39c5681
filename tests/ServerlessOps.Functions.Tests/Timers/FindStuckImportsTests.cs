using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Catalog;
using ServerlessOps.Standalone.Timers;

namespace ServerlessOps.Functions.Tests.Timers;

/// <summary>
/// An import cut off midway (the client timed out, the process died) stays Applying: the timer that looks for such
/// imports tells the brand's data owner once, and lets go once the file is posted again and applied.
/// </summary>
public sealed class FindStuckImportsTests(FunctionAppFixture fixture)
{
    private const string CatalogCsv = "sku,title,currency\nMUG-STUCK,Mug,USD\n";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportLeftApplyingPastTheThreshold_RaisesOneImportStuckAlert_ResolvedOncePostedAgain()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var importId = (await PostAsync(app, HttpStatusCode.Created)).Str("importId");
        var store = app.Services.GetRequiredService<CatalogStore>();
        var (record, etag) = (await store.GetImportAsync("acme", importId, Token))!.Value;
        // As a post cut off two hours ago before its last write leaves it.
        Assert.True(await store.TryReplaceImportAsync(record with { State = ImportState.Applying, AppliedAt = null, ReceivedAt = DateTimeOffset.UtcNow.AddHours(-2) }, etag, Token));
        var timer = app.Services.GetServices<ITimerFunction>().SingleOrDefault(t => t.Name == "FindStuckImports");
        Assert.NotNull(timer);

        await timer.RunAsync(Token);
        await timer.RunAsync(Token);

        var alert = Assert.Single(await AlertsAsync(app));
        Assert.Equal(("Open", "import", importId, 2), (alert.Str("state"), alert.GetProperty("subject").Str("type"), alert.GetProperty("subject").Str("id"), alert.Number("occurrences")));
        Assert.Contains("Post the same file again", alert.Str("message"), StringComparison.Ordinal);
        Assert.Equal("Applying", (await app.Client.GetOkBodyAsync($"api/brands/acme/imports/{importId}")).Str("state"));

        await PostAsync(app, HttpStatusCode.Created);
        await timer.RunAsync(Token);

        Assert.Equal("Resolved", Assert.Single(await AlertsAsync(app)).Str("state"));
    }

    [Fact]
    public async Task ImportApplyingForLessThanTheThreshold_IsNotRaised()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var importId = (await PostAsync(app, HttpStatusCode.Created)).Str("importId");
        var store = app.Services.GetRequiredService<CatalogStore>();
        var (record, etag) = (await store.GetImportAsync("acme", importId, Token))!.Value;
        Assert.True(await store.TryReplaceImportAsync(record with { State = ImportState.Applying, AppliedAt = null }, etag, Token));
        var timer = app.Services.GetServices<ITimerFunction>().SingleOrDefault(t => t.Name == "FindStuckImports");
        Assert.NotNull(timer);

        await timer.RunAsync(Token);

        Assert.Empty(await AlertsAsync(app));
    }

    private static async Task<JsonElement> PostAsync(TestApp app, HttpStatusCode expected)
    {
        using var content = new StringContent(CatalogCsv, Encoding.UTF8, "text/csv");
        using var response = await app.Client.Http.PostAsync(new Uri("api/brands/acme/imports/catalog", UriKind.Relative), content, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == expected, $"The catalog import answered {(int)response.StatusCode}: {text}");
        return Json.Parse(text);
    }

    private static async Task<JsonElement[]> AlertsAsync(TestApp app) =>
        (await app.Client.GetOkBodyAsync("api/brands/acme/alerts?kind=import-stuck")).EnumerateArray().ToArray();
}
