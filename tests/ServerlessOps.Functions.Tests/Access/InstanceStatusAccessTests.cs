using System.Net;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Functions.Access;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Workflows.MonthlyReview;
using ServerlessOps.Workflows.OrderFlow;

namespace ServerlessOps.Functions.Tests.Access;

/// <summary>
/// <c>GET /runtime/webhooks/durabletask/instances/{instanceId}</c> names no brand in its path, but every instance id of
/// the app does (<c>orderflow:{brandId}:…</c>, <c>monthly-review:{brandId}:…</c>): the caller's scope must include it, as
/// it must on the brand's own flow route.
/// </summary>
public sealed class InstanceStatusAccessTests(FunctionAppFixture fixture)
{
    private const string OperationsAcmeKey = "operations-acme-key-000000000000000";
    private const string OperationsGlobexKey = "operations-globex-key-0000000000000";
    private const string OperationsAndFinanceAcmeKey = "operations-finance-acme-key-00000000";
    private const string BuyerEmail = "jane.buyer@example.test";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InstanceStatus_OfAnotherBrandsOrderFlow_Is403AndShowsNothingOfIt()
    {
        await using var app = StartApp();
        var instanceId = await ScheduleAcmeFlowAsync(app);

        using var response = await SendAsync(app, instanceId, OperationsGlobexKey);

        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.DoesNotContain(BuyerEmail, body, StringComparison.Ordinal);
        await Problem.AssertOfTypeAsync(response, HttpStatusCode.Forbidden, "forbidden-brand", "'acme'");
    }

    [Fact]
    public async Task InstanceStatus_OfTheCallersOwnBrand_IsServed()
    {
        await using var app = StartApp();
        var instanceId = await ScheduleAcmeFlowAsync(app);

        using var response = await SendAsync(app, instanceId, OperationsAcmeKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains(BuyerEmail, await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    /// <summary>The review's own status route needs finance (GetReview); its instance's status shows the same and more.</summary>
    [Fact]
    public async Task InstanceStatus_OfTheBrandsMonthlyReview_NeedsTheFinanceRoleAsTheReviewRouteDoes()
    {
        await using var app = StartApp();
        var instanceId = ReviewIds.For("acme", new ReviewMonth(2026, 11));
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(MonthlyReviewOrchestrator), new MonthlyReviewInput("acme", "2026-11", "test"), new StartOrchestrationOptions(instanceId, DateTimeOffset.UtcNow.AddHours(1)), Token);

        using var operations = await SendAsync(app, instanceId, OperationsAcmeKey);
        using var finance = await SendAsync(app, instanceId, OperationsAndFinanceAcmeKey);

        await Problem.AssertOfTypeAsync(operations, HttpStatusCode.Forbidden, "forbidden-role", "finance");
        Assert.Equal(HttpStatusCode.Accepted, finance.StatusCode);
    }

    [Fact]
    public async Task InstanceStatus_OfAnIdNamingNoBrand_IsRefusedToABrandScopedCaller()
    {
        await using var app = StartApp();

        using var response = await SendAsync(app, "some-instance-of-no-brand", OperationsAcmeKey);

        await Problem.AssertOfTypeAsync(response, HttpStatusCode.Forbidden, "forbidden-brand", "some-instance-of-no-brand");
    }

    private TestApp StartApp() =>
        TestApp.Start(fixture, TestApp.TriggersOff(TestApiKey.Settings(
            new("operations-acme", OperationsAcmeKey, "operations", "acme"),
            new("operations-globex", OperationsGlobexKey, "operations", "globex"),
            new("operations-finance-acme", OperationsAndFinanceAcmeKey, "operations,finance", "acme"))));

    /// <summary>An order flow of acme whose input names its buyer, due in an hour, so it stays pending while the test reads it.</summary>
    private static async Task<string> ScheduleAcmeFlowAsync(TestApp app)
    {
        var instanceId = OrderFlowIds.For("acme", SalesChannel.Shopify, "7001");
        var client = app.Services.GetRequiredService<DurableTaskClient>();
        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(OrderFlowOrchestrator), new { BuyerEmail }, new StartOrchestrationOptions(instanceId, DateTimeOffset.UtcNow.AddHours(1)), Token);
        return instanceId;
    }

    private static async Task<HttpResponseMessage> SendAsync(TestApp app, string instanceId, string apiKey)
    {
        using var client = app.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(instanceId)}");
        request.Headers.Add(CallerResolver.ApiKeyHeader, apiKey);
        return await client.SendAsync(request, Token);
    }
}
