using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ServerlessOps.Testing.Telemetry;

/// <summary>
/// Application Insights' ingestion endpoint on a free 127.0.0.1 port, for the Azure Monitor exporter to post to
/// (<see cref="ConnectionString"/> as <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>). It keeps every telemetry item of
/// every track request exactly as the exporter sent it (newline-delimited JSON, gzipped when the request says so) and
/// accepts them all, so the exporter neither retries nor stores anything offline.
/// </summary>
public sealed class IngestionStub : IAsyncDisposable
{
    /// <summary>Any instrumentation key: the stub checks none, the exporter needs one.</summary>
    public const string InstrumentationKey = "00000000-0000-0000-0000-000000000018";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonObject> _items = new();
    private readonly ConcurrentQueue<IngestionRequest> _requests = new();

    private IngestionStub(WebApplication app)
    {
        _app = app;
        Endpoint = new Uri("http://127.0.0.1/");
    }

    /// <summary>The stub's root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Endpoint { get; private set; }

    /// <summary>A connection string that sends the exporter here and nowhere else.</summary>
    public string ConnectionString => $"InstrumentationKey={InstrumentationKey};IngestionEndpoint={Endpoint}";

    /// <summary>Every telemetry item received so far, in arrival order.</summary>
    public IReadOnlyList<JsonObject> Items => [.. _items];

    /// <summary>Path and content encoding of every request received so far.</summary>
    public IReadOnlyList<IngestionRequest> Requests => [.. _requests];

    public static async Task<IngestionStub> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(IngestionStub).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new IngestionStub(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The ingestion stub started but reported no listening address.");
        stub.Endpoint = new Uri(address.TrimEnd('/') + "/");
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var encoding = context.Request.Headers.ContentEncoding.ToString();
        _requests.Enqueue(new IngestionRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, encoding));
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.Value!.EndsWith("/track", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await using var body = string.Equals(encoding, "gzip", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(context.Request.Body, CompressionMode.Decompress)
            : context.Request.Body;
        using var reader = new StreamReader(body);
        var received = 0;
        while (await reader.ReadLineAsync(context.RequestAborted) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                _items.Enqueue(JsonNode.Parse(line)!.AsObject());
                received++;
            }
        }

        // The answer the service gives when it took everything (the exporter reads it for partial failures).
        await context.Response.WriteAsJsonAsync(
            new { itemsReceived = received, itemsAccepted = received, errors = Array.Empty<object>() }, context.RequestAborted);
    }
}

/// <summary>One request the ingestion stub received: method, path and <c>Content-Encoding</c>.</summary>
public sealed record IngestionRequest(string Method, string Path, string ContentEncoding);
