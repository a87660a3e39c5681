using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Infrastructure.Registry;

namespace ServerlessOps.Functions.Tests.Admin;

/// <summary>
/// GET /api/brands/{brandId}/audit answers in pages (?limit=, ?after=, Link rel="next"), because the registry keeps every
/// change of a brand and its accounts forever and the list read them all.
/// </summary>
public sealed class RegistryAuditPagingTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RegistryAudit_MoreThanAPageWithTiedTimes_LinkChainListsEachOnceNewestFirstTiesByIdDescending()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        var all = (await PagedList.GetPageAsync(app.Client.Http, "/api/brands/acme/audit?limit=500")).Items.Length;

        // Later than the settings seed's entries; two renames per instant, so the order must break ties by id.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(1));
        var registry = ActivatorUtilities.CreateInstance<CosmosBrandRegistry>(app.Services, (TimeProvider)time);
        for (var i = 0; i < 6; i++)
        {
            var current = await registry.GetBrandAsync("acme", Token) ?? throw new InvalidOperationException("acme is not seeded.");
            await registry.ReplaceBrandAsync(current, current.Value with { DisplayName = $"Acme {i}" }, new RegistryChange("admin-ana", RegistryChange.Updated), Token);
            if (i % 2 == 1)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var pages = await PagedList.GetAllPagesAsync(app.Client.Http, "/api/brands/acme/audit?limit=4");

        var listed = pages.SelectMany(p => p.Items).Select(e => (At: e.Time("at"), Id: e.Str("id"))).ToList();
        Assert.Equal(all + 6, listed.Count);
        Assert.Equal(listed.Count, listed.Select(e => e.Id).Distinct().Count());
        Assert.Equal(listed.OrderByDescending(e => e.At).ThenByDescending(e => e.Id, StringComparer.Ordinal), listed);
        Assert.All(pages.SkipLast(1), p => Assert.Equal(4, p.Items.Length));
        Assert.Null(pages[^1].Next);
    }
}
