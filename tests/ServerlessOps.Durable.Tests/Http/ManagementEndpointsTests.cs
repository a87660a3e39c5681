using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessOps.Durable.Http;

namespace ServerlessOps.Durable.Tests.Http;

/// <summary>The Durable-Functions-like management API over TestServer with a real worker and in-memory backend.</summary>
public sealed class ManagementEndpointsTests : IAsyncLifetime
{
    private const string Prefix = DurableTaskManagementEndpoints.DefaultPrefix;
    private WebApplication? _app;
    private HttpClient? _http;

    private HttpClient Http => _http!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTask(durable => durable
            .UseInMemoryBackend()
            .Configure(o =>
            {
                o.MinPollingInterval = TimeSpan.FromMilliseconds(1);
                o.MaxPollingInterval = TimeSpan.FromMilliseconds(20);
            })
            .AddTasks(r => r
                .AddOrchestratorFunc<JsonElement, string>("Greet", (_, input) => Task.FromResult("hello " + input.GetProperty("name").GetString()))
                .AddOrchestratorFunc<object?, string>("Wait", (ctx, _) => ctx.WaitForExternalEvent<string>("Go"))
                .AddOrchestratorFunc<object?, string>("Fail", (_, _) => throw new InvalidOperationException("boom"))));
        _app = builder.Build();
        _app.MapDurableTaskManagement();
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _http = _app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Start_ReturnsAcceptedWithLocationRetryAfterAndManagementUris()
    {
        var ct = TestContext.Current.CancellationToken;

        using var response = await Http.PostAsJsonAsync($"{Prefix}/orchestrators/Greet/greet-1", new { name = "Ada" }, ct);
        var payload = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("greet-1", payload.GetProperty("id").GetString());
        var status = payload.GetProperty("statusQueryGetUri").GetString();
        Assert.Equal(status, response.Headers.Location?.ToString());
        Assert.Equal("10", response.Headers.GetValues("Retry-After").Single());
        Assert.EndsWith($"{Prefix}/instances/greet-1", status, StringComparison.Ordinal);
        foreach (var key in new[] { "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "suspendPostUri", "resumePostUri" })
        {
            Assert.StartsWith(status!, payload.GetProperty(key).GetString(), StringComparison.Ordinal);
        }

        var done = await PollStatusAsync("greet-1", HttpStatusCode.OK);
        Assert.Equal("hello Ada", done.GetProperty("output").GetString());
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task Status_WhileRunning_Is202WithLocation_ThenRaiseEventCompletesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        (await Http.PostAsync($"{Prefix}/orchestrators/Wait/wait-1", null, ct)).Dispose();

        var running = await PollStatusAsync("wait-1", HttpStatusCode.Accepted, r => r.GetProperty("runtimeStatus").GetString() == "Running");
        using var raise = await Http.PostAsJsonAsync($"{Prefix}/instances/wait-1/raiseEvent/Go", "now", ct);
        var done = await PollStatusAsync("wait-1", HttpStatusCode.OK);
        using var again = await Http.PostAsJsonAsync($"{Prefix}/instances/wait-1/raiseEvent/Go", "late", ct);

        Assert.Equal("Running", running.GetProperty("runtimeStatus").GetString());
        Assert.Equal(HttpStatusCode.Accepted, raise.StatusCode);
        Assert.Equal("now", done.GetProperty("output").GetString());
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Status_UnknownInstance_Is404ProblemJson()
    {
        using var response = await Http.GetAsync($"{Prefix}/instances/nobody", TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nobody", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Failed_Is400WithFailureDetails_AndHistoryOnRequest()
    {
        var ct = TestContext.Current.CancellationToken;
        (await Http.PostAsync($"{Prefix}/orchestrators/Fail/fail-1", null, ct)).Dispose();

        var failed = await PollStatusAsync("fail-1", HttpStatusCode.BadRequest, query: "?showHistory=true");

        Assert.Equal("Failed", failed.GetProperty("runtimeStatus").GetString());
        Assert.Equal("boom", failed.GetProperty("failureDetails").GetProperty("errorMessage").GetString());
        Assert.Contains(failed.GetProperty("historyEvents").EnumerateArray(), e => e.GetProperty("eventType").GetString() == "ExecutionCompleted");
    }

    [Fact]
    public async Task TerminateSuspendResumePurge_ReturnExpectedCodes()
    {
        var ct = TestContext.Current.CancellationToken;
        (await Http.PostAsync($"{Prefix}/orchestrators/Wait/ops-1", null, ct)).Dispose();
        await PollStatusAsync("ops-1", HttpStatusCode.Accepted, r => r.GetProperty("runtimeStatus").GetString() == "Running");

        using var suspend = await Http.PostAsync($"{Prefix}/instances/ops-1/suspend?reason=maintenance", null, ct);
        await PollStatusAsync("ops-1", HttpStatusCode.Accepted, r => r.GetProperty("runtimeStatus").GetString() == "Suspended");
        using var resume = await Http.PostAsync($"{Prefix}/instances/ops-1/resume", null, ct);
        using var terminate = await Http.PostAsync($"{Prefix}/instances/ops-1/terminate?reason=stop", null, ct);
        var terminated = await PollStatusAsync("ops-1", HttpStatusCode.BadRequest);
        using var purge = await Http.DeleteAsync($"{Prefix}/instances/ops-1", ct);
        using var purgeAgain = await Http.DeleteAsync($"{Prefix}/instances/ops-1", ct);
        using var conflict = await Http.PostAsync($"{Prefix}/orchestrators/Wait/ops-2", null, ct);
        using var duplicate = await Http.PostAsync($"{Prefix}/orchestrators/Wait/ops-2", null, ct);

        Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        Assert.Equal("Terminated", terminated.GetProperty("runtimeStatus").GetString());
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, purgeAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task List_PagesWithContinuationHeader_AndRejectsBadFilters()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 3; i++)
        {
            (await Http.PostAsync($"{Prefix}/orchestrators/Wait/list-{i}", null, ct)).Dispose();
        }

        var ids = new List<string>();
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Prefix}/instances?instanceIdPrefix=list-&top=2");
            if (token is not null)
            {
                request.Headers.Add(DurableTaskManagementEndpoints.ContinuationHeader, token);
            }

            using var response = await Http.SendAsync(request, ct);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            ids.AddRange(page.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues(DurableTaskManagementEndpoints.ContinuationHeader, out var values) ? values.Single() : null;
        }
        while (token is not null);
        using var bad = await Http.GetAsync($"{Prefix}/instances?runtimeStatus=Sleeping", ct);

        Assert.Equal(["list-0", "list-1", "list-2"], ids.Order());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Sleeping", await bad.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    private async Task<JsonElement> PollStatusAsync(string id, HttpStatusCode expected, Func<JsonElement, bool>? condition = null, string query = "")
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await Http.GetAsync($"{Prefix}/instances/{id}{query}", deadline.Token);
            if (response.StatusCode == expected)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>(deadline.Token);
                if (condition is null || condition(body))
                {
                    if (expected == HttpStatusCode.Accepted)
                    {
                        Assert.NotNull(response.Headers.Location);
                        Assert.True(response.Headers.Contains("Retry-After"));
                    }

                    return body;
                }
            }

            await Task.Delay(10, deadline.Token);
        }
    }
}
