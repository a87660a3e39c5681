using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Testing.Alerts;
using ServerlessOps.Testing.LocalStack;

namespace ServerlessOps.Functions.Tests.Api.Alerts;

/// <summary>The chat webhook's URL is a secret: its posts leave no span and no log line carrying it.</summary>
public sealed class AlertTelemetryTests(FunctionAppFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Notification_Posted_NoSpanOrLogCarriesTheWebhookUrl()
    {
        await using var chat = await ChatWebhookReceiver.StartAsync(Token);
        var spans = new SpanRecorder();
        var settings = fixture.Settings(LocalStackSettings.NewRunId(), overrides: new Dictionary<string, string> { ["Alerts:WebhookUrl"] = chat.Url.ToString() });
        await using var baseFactory = new FunctionAppFactory(settings);
        await using var factory = baseFactory.WithWebHostBuilder(b => b.ConfigureServices(s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(spans))));
        using var client = factory.CreateClient();

        await factory.Services.GetRequiredService<IAlertRaiser>().RaiseAsync(
            new AlertRaise("acme", AlertKind.WebhooksStopped, AlertSubject.ChannelAccount(Domain.Channels.SalesChannel.Shopify, "acme-outfitters.myshopify.com"), "No webhook for 2 hours; the backstop found 14 changed orders."),
            Token);
        await Poll.UntilAsync(_ => Task.FromResult(chat.Delivered.Count > 0 ? "posted" : null), "the notification post");

        var urls = spans.Urls();
        Assert.Contains(urls, u => u.StartsWith("https://127.0.0.1:", StringComparison.Ordinal));
        Assert.DoesNotContain(urls, u => u.Contains(chat.Url.Authority, StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Services.GetFakeLogCollector().GetSnapshot(), l => l.Message.Contains("test-secret-0001", StringComparison.Ordinal));
    }

    /// <summary>Every span the app's tracer provider ends, as the exporter would get it.</summary>
    private sealed class SpanRecorder : BaseProcessor<Activity>
    {
        private readonly ConcurrentQueue<Activity> _ended = new();

        public override void OnEnd(Activity data) => _ended.Enqueue(data);

        public IReadOnlyList<string> Urls() =>
            [.. _ended.Select(a => a.GetTagItem("url.full") as string ?? a.GetTagItem("http.url") as string).OfType<string>()];
    }
}
