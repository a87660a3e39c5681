using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using ServerlessOps.Standalone.Durable;

namespace ServerlessOps.Standalone.Tests.Status;

public sealed class DurableInstanceStatusTests
{
    private static readonly Uri RequestUri = new("http://127.0.0.1:7071/runtime/webhooks/durabletask/instances/order-1");

    [Fact]
    public void From_UnknownInstance_404WithoutBody()
    {
        var status = DurableInstanceStatus.From(null, RequestUri);

        Assert.Equal(404, status.StatusCode);
        Assert.Null(status.Body);
        Assert.Null(status.Location);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public void From_NotFinished_202WithLocationAndRetryAfterFive(OrchestrationRuntimeStatus runtimeStatus)
    {
        var status = DurableInstanceStatus.From(Instance(runtimeStatus), RequestUri);

        Assert.Equal(202, status.StatusCode);
        Assert.Equal(RequestUri, status.Location);
        Assert.Equal(TimeSpan.FromSeconds(5), status.RetryAfter);
        Assert.Equal(runtimeStatus.ToString(), status.Body!["runtimeStatus"]!.GetValue<string>());
    }

    [Fact]
    public void From_Completed_200WithTheExtensionsBodyShape()
    {
        var status = DurableInstanceStatus.From(Instance(OrchestrationRuntimeStatus.Completed, output: """{"total":42}"""), RequestUri);

        Assert.Equal(200, status.StatusCode);
        Assert.Null(status.Location);
        var body = status.Body!;
        Assert.Equal(
            ["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"],
            body.Select(p => p.Key));
        Assert.Equal("OrderFlow", body["name"]!.GetValue<string>());
        Assert.Equal("order-1", body["instanceId"]!.GetValue<string>());
        Assert.Equal("Completed", body["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("brand-a", body["input"]!["brand"]!.GetValue<string>());
        Assert.Equal("shipped", body["customStatus"]!.GetValue<string>());
        Assert.Equal(42, body["output"]!["total"]!.GetValue<int>());
        Assert.Equal("2026-12-03T10:15:00Z", body["createdTime"]!.GetValue<string>());
        Assert.Equal("2026-12-03T10:16:30Z", body["lastUpdatedTime"]!.GetValue<string>());
    }

    [Fact]
    public void From_Failed_200UnlessAskedFor500()
    {
        var failed = Instance(OrchestrationRuntimeStatus.Failed, output: "System.InvalidOperationException: boom");

        Assert.Equal(200, DurableInstanceStatus.From(failed, RequestUri).StatusCode);
        Assert.Equal(500, DurableInstanceStatus.From(failed, RequestUri, returnInternalServerErrorOnFailure: true).StatusCode);
    }

    [Fact]
    public void From_TerminatedWithPlainTextReason_200AndReasonAsString()
    {
        var status = DurableInstanceStatus.From(Instance(OrchestrationRuntimeStatus.Terminated, output: "stopped by operator"), RequestUri);

        Assert.Equal(200, status.StatusCode);
        Assert.Equal("stopped by operator", status.Body!["output"]!.GetValue<string>());
    }

    [Fact]
    public void From_ShowInputFalse_InputNull()
    {
        var status = DurableInstanceStatus.From(Instance(OrchestrationRuntimeStatus.Running), RequestUri, showInput: false);

        Assert.True(status.Body!.ContainsKey("input"));
        Assert.Null(status.Body["input"]);
    }

    [Fact]
    public async Task ToResult_Running_WritesStatusHeadersAndJson()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        await DurableInstanceStatus.From(Instance(OrchestrationRuntimeStatus.Running), RequestUri).ToResult().ExecuteAsync(context);

        Assert.Equal(202, context.Response.StatusCode);
        Assert.Equal(RequestUri.ToString(), context.Response.Headers.Location.ToString());
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        var json = JsonNode.Parse(context.Response.Body)!;
        Assert.Equal("Running", json["runtimeStatus"]!.GetValue<string>());
    }

    private static OrchestrationMetadata Instance(OrchestrationRuntimeStatus status, string? output = null) =>
        new("OrderFlow", "order-1")
        {
            RuntimeStatus = status,
            CreatedAt = new DateTimeOffset(2026, 12, 3, 10, 15, 0, 250, TimeSpan.Zero),
            LastUpdatedAt = new DateTimeOffset(2026, 12, 3, 10, 16, 30, TimeSpan.Zero),
            SerializedInput = """{"brand":"brand-a"}""",
            SerializedCustomStatus = "\"shipped\"",
            SerializedOutput = output,
        };
}
