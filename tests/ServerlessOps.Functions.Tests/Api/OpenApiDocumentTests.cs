using System.Net;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Api;

public sealed class OpenApiDocumentTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task OpenApiDocument_V1_ListsTheFourWebhooksAndTheBrandReadApis()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        using var response = await app.Client.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = Json.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var paths = document.GetProperty("paths");
        foreach (var channel in new[] { "shopify", "amazon", "walmart", "tiktok" })
        {
            Assert.True(paths.GetProperty($"/api/webhooks/{channel}").TryGetProperty("post", out _), $"POST /api/webhooks/{channel} is missing.");
        }

        foreach (var read in new[]
        {
            "/api/brands/{brandId}/orders/{orderId}", "/api/brands/{brandId}/orders", "/api/brands/{brandId}/channel-events",
            "/api/brands/{brandId}/quarantine", "/api/brands/{brandId}/deliveries/{channel}/{deliveryKey}",
        })
        {
            Assert.True(paths.TryGetProperty(read, out var path) && path.TryGetProperty("get", out _), $"GET {read} is missing.");
        }

        Assert.True(paths.GetProperty("/api/brands/{brandId}/quarantine/{deliveryKey}/replay").TryGetProperty("post", out _));
    }

    [Fact]
    public async Task OpenApiDocument_EveryRoute_NamesTheRoleItRequires()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        using var response = await app.Client.Http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);

        var paths = Json.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).GetProperty("paths");
        foreach (var route in HttpRoutes.All)
        {
            var operation = paths.GetProperty("/" + route.Template).GetProperty(route.Method.ToLowerInvariant());
            Assert.Equal(route.Name, operation.Str("operationId"));
            Assert.Equal(route.Access.ToString(), operation.Str("x-required-role"));
            Assert.Equal(route.Access.Kind == RouteAccessKind.Role, operation.TryGetProperty("security", out _));
        }
    }
}
