using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ServerlessOps.Testing.Alerts;

/// <summary>
/// A chat incoming webhook on 127.0.0.1 (free port): records every post (the <c>text</c> of its JSON body) and
/// answers 200, or whatever statuses it was told to answer next (<see cref="FailNext"/>), or 503 to everything while
/// <see cref="Down"/>. Stands in for Slack or Teams in the alert tests.
/// </summary>
public sealed class ChatWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _next = new();
    private readonly ConcurrentQueue<ChatPost> _posts = new();
    private int _attempts;

    private ChatWebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The webhook URL, with a path like a real one (<c>/services/T000/B000/secret</c>).</summary>
    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Answer 503 to every post while true.</summary>
    public bool Down { get; set; }

    /// <summary>Every post answered 2xx, in arrival order.</summary>
    public IReadOnlyList<ChatPost> Delivered => [.. _posts.Where(p => p.Status < 300)];

    /// <summary>Every post, whatever it was answered.</summary>
    public IReadOnlyList<ChatPost> All => [.. _posts];

    /// <summary>Posts received, answered or not.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public static async Task<ChatWebhookReceiver> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ChatWebhookReceiver).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var receiver = new ChatWebhookReceiver(app);
        app.MapPost("/services/{team}/{bot}/{secret}", receiver.ReceiveAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Urls.FirstOrDefault() ?? throw new InvalidOperationException("The chat receiver started but reported no listening address.");
        receiver.Url = new Uri(address.TrimEnd('/') + "/services/T0000/B0000/test-secret-0001");
        return receiver;
    }

    /// <summary>Answers the next posts with these statuses, then 200 again.</summary>
    public void FailNext(params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        foreach (var status in statuses)
        {
            _next.Enqueue(status);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ReceiveAsync(HttpContext context)
    {
        Interlocked.Increment(ref _attempts);
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var status = Down ? StatusCodes.Status503ServiceUnavailable : _next.TryDequeue(out var next) ? next : StatusCodes.Status200OK;
        var text = body.RootElement.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty;
        _posts.Enqueue(new ChatPost(text, context.Request.ContentType, status, DateTimeOffset.UtcNow));
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(status < 300 ? "ok" : "unavailable", context.RequestAborted);
    }
}

/// <summary>One post the receiver got: the message text, its content type, and what it was answered.</summary>
public sealed record ChatPost(string Text, string? ContentType, int Status, DateTimeOffset At);
