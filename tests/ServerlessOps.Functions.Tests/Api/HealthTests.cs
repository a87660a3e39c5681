using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Functions.Api;
using ServerlessOps.Functions.Hosting;
using ServerlessOps.Functions.Http;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;

namespace ServerlessOps.Functions.Tests.Api;

public sealed class HealthTests(FunctionAppFixture fixture)
{
    [Fact]
    public async Task Health_AllSettingsResolved_Is200()
    {
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());

        using var response = await app.Factory.CreateClient().GetAsync(new Uri("api/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", Json.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Str("status"));
    }

    [Fact]
    public async Task Health_ASettingStillHoldsAKeyVaultReference_Is503CountingItWithoutTheBrandOrTheValue()
    {
        // What App Service leaves in a setting whose secret is missing or unreadable by the app's identity. The route
        // is anonymous: the setting's name carries the brand id, so only the start-up log names it.
        const string unresolved = "@Microsoft.KeyVault(VaultName=kv-serverlessops;SecretName=brand-acme-walmart-2-secret)";
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff(new Dictionary<string, string>
        {
            ["Brands:acme:Accounts:2:PreviousSecret"] = unresolved,
        }));

        using var response = await app.Factory.CreateClient().GetAsync(new Uri("api/health", UriKind.Relative), TestContext.Current.CancellationToken);

        var detail = await Problem.AssertOfTypeAsync(response, HttpStatusCode.ServiceUnavailable, "misconfigured-settings", "1 setting(s)");
        Assert.DoesNotContain("acme", detail, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SecretName", detail, StringComparison.Ordinal);
        Assert.Equal(["Brands__acme__Accounts__2__PreviousSecret"], app.Services.GetRequiredService<UnresolvedSecretReferences>().SettingNames);
    }

    [Fact]
    public async Task Health_BeforeTheEdgeWarmUpHasRun_Is503WarmingUp_AndOkOnceItHas()
    {
        // The app's own warm-up finishes before the test host serves; a second, not yet started, stands for a new
        // instance in its first second, with the app's real bundler on Azurite behind it.
        await using var app = TestApp.Start(fixture, TestApp.TriggersOff());
        using var warmUp = ActivatorUtilities.CreateInstance<EdgeWarmUp>(app.Services);
        var health = new Health(app.Services.GetRequiredService<UnresolvedSecretReferences>(), warmUp);

        var (coldStatus, coldBody) = await AnswerAsync(health, app.Services);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, coldStatus);
        Assert.EndsWith("/warming-up", Json.Parse(coldBody).Str("type"), StringComparison.Ordinal);

        await warmUp.StartAsync(TestContext.Current.CancellationToken);
        await warmUp.WhenWarm.WaitAsync(EdgeWarmUp.Limit + TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var (warmStatus, warmBody) = await AnswerAsync(health, app.Services);

        Assert.Equal(StatusCodes.Status200OK, warmStatus);
        Assert.Equal("ok", Json.Parse(warmBody).Str("status"));
    }

    private static async Task<(int Status, string Body)> AnswerAsync(Health health, IServiceProvider services)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        var result = await health.HandleAsync(new HttpCall(Health.Route, context, caller: null, durable: null), TestContext.Current.CancellationToken);
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
