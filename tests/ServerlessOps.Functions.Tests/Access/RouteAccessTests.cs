using System.Net;
using System.Text;
using System.Text.Json;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Http;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Access;

/// <summary>
/// Every route that is not a webhook, health or the API description, walked with no credential, the wrong role
/// and another brand's scope: the app itself refuses, whichever host runs it. The cases share the class's two apps
/// (<see cref="RouteAccessApps"/>).
/// </summary>
public sealed class RouteAccessTests(RouteAccessApps apps) : IClassFixture<RouteAccessApps>
{
    private const string FinanceAcmeKey = RouteAccessApps.FinanceAcmeKey;
    private const string OperationsAcmeKey = RouteAccessApps.OperationsAcmeKey;
    private const string EveryRoleGlobexKey = RouteAccessApps.EveryRoleGlobexKey;
    private const string EntraGroup = RouteAccessApps.EntraGroup;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> RoleRoutes() => [.. HttpRoutes.All.Where(r => r.Access.Kind == RouteAccessKind.Role).Select(r => r.Name)];

    /// <summary>Routes of one role: those open to operations or finance have no wrong role among the keys here (ReportsApiTests covers them).</summary>
    public static TheoryData<string> SingleRoleRoutes() => [.. HttpRoutes.All.Where(r => r.Access.Kind == RouteAccessKind.Role && r.Access.Roles.Count == 1).Select(r => r.Name)];

    public static TheoryData<string> BrandRoutes() => [.. HttpRoutes.All.Where(r => r.Access.Kind == RouteAccessKind.Role && r.IsBrandScoped).Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(RoleRoutes))]
    public async Task Route_WithoutCredential_Is401(string name)
    {
        var app = apps.WithApiKeys;
        using var response = await SendAsync(app, HttpRoutes.All.Single(r => r.Name == name), apiKey: null);

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.Unauthorized, "caller-unauthenticated");
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SingleRoleRoutes))]
    public async Task Route_WithTheWrongRole_Is403(string name)
    {
        var route = HttpRoutes.All.Single(r => r.Name == name);
        var wrongRole = route.Access.Role == AccessRole.Finance ? OperationsAcmeKey : FinanceAcmeKey;
        var app = apps.WithApiKeys;
        using var response = await SendAsync(app, route, wrongRole);

        var problem = await Problem.AssertOfTypeAsync(response, HttpStatusCode.Forbidden, "forbidden-role");
        Assert.Contains(route.Access.ToString(), problem, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BrandRoutes))]
    public async Task Route_ForABrandOutsideTheCallersScope_Is403(string name)
    {
        var app = apps.WithApiKeys;
        using var response = await SendAsync(app, HttpRoutes.All.Single(r => r.Name == name), EveryRoleGlobexKey);

        var problem = await Problem.AssertOfTypeAsync(response, HttpStatusCode.Forbidden, "forbidden-brand");
        Assert.Contains("'acme'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKey_NotConfigured_Is401WithoutSayingWhichKeysExist()
    {
        var app = apps.WithApiKeys;
        using var response = await SendAsync(app, GetOrderRoute, "not-a-key-of-this-app-000000000000");

        var problem = await Problem.AssertOfTypeAsync(response, HttpStatusCode.Unauthorized, "caller-unauthenticated");
        Assert.DoesNotContain(OperationsAcmeKey, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousRoutes_AnswerWithoutCredential()
    {
        var app = apps.WithApiKeys;
        using var client = app.Factory.CreateClient();

        using var health = await client.GetAsync(new Uri("api/health", UriKind.Relative), Token);
        using var openApi = await client.GetAsync(new Uri("openapi/v1.json", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
    }

    [Fact]
    public async Task AppServicePrincipal_WithTheRoleAndAGroupInScope_IsServed()
    {
        using var response = await SendAsPrincipalAsync(apps.BehindPlatformAuthentication, "api/brands/acme/orders?day=2026-12-01", roles: ["Operations"], groups: [EntraGroup]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AppServicePrincipal_OutsideEveryConfiguredScope_Is403()
    {
        using var response = await SendAsPrincipalAsync(apps.BehindPlatformAuthentication, "api/brands/acme/orders?day=2026-12-01", roles: ["Operations"], groups: [Guid.NewGuid().ToString()]);

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.Forbidden, "forbidden-brand");
    }

    [Fact]
    public async Task AppServicePrincipal_RoleClaimThatIsANumber_GrantsNoRole()
    {
        // Enum parsing reads "2" as the third role (Admin); only a role's name may grant it.
        using var response = await SendAsPrincipalAsync(apps.BehindPlatformAuthentication, "api/brands/acme", roles: ["2"], groups: [EntraGroup]);

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.Forbidden, "forbidden-role");
    }

    [Fact]
    public async Task AppServicePrincipal_WhenPlatformAuthenticationIsOff_IsNotTrusted()
    {
        // Without App Service authentication in front, anyone can write this header: a forged admin is refused.
        using var response = await SendAsPrincipalAsync(apps.WithApiKeys, "api/brands/acme/orders?day=2026-12-01", roles: ["Admin"], groups: [EntraGroup]);

        var problem = await Problem.AssertOfTypeAsync(response, HttpStatusCode.Unauthorized, "caller-unauthenticated");
        Assert.Contains("App Service authentication", problem, StringComparison.Ordinal);
    }

    private static HttpRoute GetOrderRoute => HttpRoutes.All.Single(r => r.Name == nameof(ServerlessOps.Functions.Api.GetOrder));

    /// <summary>One request to the route, its placeholders filled (brand acme), signed with the key or not at all.</summary>
    private static async Task<HttpResponseMessage> SendAsync(TestApp app, HttpRoute route, string? apiKey)
    {
        using var client = app.Factory.CreateClient();
        var path = route.Template.Replace("{brandId}", "acme", StringComparison.Ordinal).Replace("{documentName}", "v1", StringComparison.Ordinal);
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\{\w+\}", "any");
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (apiKey is not null)
        {
            request.Headers.Add(CallerResolver.ApiKeyHeader, apiKey);
        }

        return await client.SendAsync(request, Token);
    }

    /// <summary>A GET of <paramref name="path"/> carrying the principal header App Service authentication would write.</summary>
    private static async Task<HttpResponseMessage> SendAsPrincipalAsync(TestApp app, string path, string[] roles, string[] groups)
    {
        using var client = app.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(AppServicePrincipal.Header, Principal(roles, groups));
        return await client.SendAsync(request, Token);
    }

    /// <summary>X-MS-CLIENT-PRINCIPAL as App Service authentication writes it for an Entra ID token.</summary>
    private static string Principal(string[] roles, string[] groups)
    {
        var claims = new List<object> { new { typ = "name", val = "Test Operator" }, new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = Guid.NewGuid().ToString() } };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        claims.AddRange(groups.Select(g => new { typ = "groups", val = g }));
        var json = JsonSerializer.Serialize(new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
