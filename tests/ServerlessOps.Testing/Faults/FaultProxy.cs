using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ServerlessOps.Testing.Faults;

/// <summary>
/// A reverse proxy on a free 127.0.0.1 port in front of one emulator endpoint (an Azurite service, or the Cosmos server
/// over HTTPS with a certificate of its own) that answers a configurable fraction of requests with the service's own
/// throttling or error answers (<see cref="FaultMix"/>, changeable while it runs) and forwards the rest byte for byte.
/// Point the app's connection string at <see cref="Endpoint"/> instead of the emulator's. It counts every fault and
/// whether the client sent the same operation again (<see cref="Figures"/>), which is the client's retry.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    /// <summary>Request headers that belong to one hop, not to the request (RFC 9110 7.6.1), plus Host and Expect.</summary>
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "TE", "Upgrade", "Proxy-Connection", "Proxy-Authorization", "Expect",
    };

    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _upstream;
    private readonly Uri _upstreamRoot;
    private readonly FaultDialect _dialect;
    private readonly FaultProxyTally _tally = new();
    private readonly Random _random;
    private readonly Lock _lock = new();
    private FaultMix _mix = FaultMix.None;
    private long _faults;

    private FaultProxy(WebApplication app, HttpMessageInvoker upstream, Uri upstreamRoot, FaultDialect dialect, int seed)
    {
        _app = app;
        _upstream = upstream;
        _upstreamRoot = upstreamRoot;
        _dialect = dialect;
        _random = new Random(seed);
        Endpoint = upstreamRoot;
    }

    /// <summary>The proxy's address with the upstream endpoint's path kept (Azurite's <c>/devstoreaccount1</c>).</summary>
    public Uri Endpoint { get; private set; }

    /// <summary>What it has seen so far.</summary>
    public FaultProxyFigures Figures => _tally.Snapshot();

    /// <summary>
    /// Starts a proxy in front of <paramref name="upstream"/>: HTTPS (with an in-memory self-signed certificate) when the
    /// upstream is HTTPS, whose own self-signed certificate the proxy accepts for that one loopback endpoint.
    /// </summary>
    /// <param name="seed">Seeds which requests are faulted, so a run can be repeated.</param>
    public static async Task<FaultProxy> StartAsync(Uri upstream, FaultDialect dialect, int seed = 18, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        if (!upstream.IsLoopback)
        {
            throw new ArgumentException("The fault proxy stands in front of a loopback emulator only.", nameof(upstream));
        }

        var https = upstream.Scheme == Uri.UriSchemeHttps;
        var certificate = https ? ProxyCertificate.Create() : null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FaultProxy).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });

        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        if (https)
        {
            // The upstream is the loopback Cosmos server, whose certificate is self-signed: pinned to the one its package ships.
            var pinned = EmulatorCertificateHash();
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || (certificate is not null && certificate.GetCertHashString() == pinned);
        }

        var app = builder.Build();
        var root = new Uri(upstream.GetLeftPart(UriPartial.Authority) + "/");
        var proxy = new FaultProxy(app, new HttpMessageInvoker(handler, disposeHandler: true), root, dialect, seed);
        app.Run(proxy.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The fault proxy started but reported no listening address.");
        proxy.Endpoint = new Uri(new Uri(address.TrimEnd('/') + "/"), upstream.AbsolutePath);
        return proxy;
    }

    /// <summary>From now on, fault requests as <paramref name="mix"/> says (<see cref="FaultMix.None"/> to stop).</summary>
    public void SetFaults(FaultMix mix)
    {
        ArgumentNullException.ThrowIfNull(mix);
        if (mix.Rate is < 0 or > 1 || (mix.Rate > 0 && mix.Statuses.Count == 0))
        {
            throw new ArgumentException("A fault rate is 0-1 and needs at least one status.", nameof(mix));
        }

        Volatile.Write(ref _mix, mix);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var operationId = OperationId(context.Request);
        _tally.Received(operationId);
        if (NextFault(context.Request) is { } fault)
        {
            _tally.Faulted(operationId, fault.Status);
            await FaultAnswers.WriteAsync(context, _dialect, fault.Status, fault.Mix.RetryAfterOr100Ms);
            return;
        }

        try
        {
            await ForwardAsync(context);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            _tally.UpstreamFailed();
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client hung up; nothing to answer.
        }
    }

    private (int Status, FaultMix Mix)? NextFault(HttpRequest request)
    {
        var mix = Volatile.Read(ref _mix);
        if (mix.Rate <= 0 || (mix.Target is { } target && !target.Matches(request.Method, request.Path.Value ?? string.Empty)))
        {
            return null;
        }

        lock (_lock)
        {
            if (_random.NextDouble() >= mix.Rate)
            {
                return null;
            }

            return (mix.Statuses[(int)(_faults++ % mix.Statuses.Count)], mix);
        }
    }

    private async Task ForwardAsync(HttpContext context)
    {
        // The raw target keeps the client's exact encoding, which the storage signature was computed over.
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path + context.Request.QueryString;
        var uri = new Uri(_upstreamRoot + target.TrimStart('/'), new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), uri);
        if (context.Request.ContentLength is not null || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (!HopHeaders.Contains(name) && !request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _upstream.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>The SHA-1 hash of the certificate the Cosmos server serves (cert.pem in its npm package).</summary>
    private static string EmulatorCertificateHash()
    {
        var path = Path.Combine(RepositoryPaths.LocalStack, "node_modules", "@vercel", "cosmosdb-server", "cert.pem");
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(path));
        return certificate.GetCertHashString();
    }

    /// <summary>The id an Azure SDK keeps across its retries of one operation.</summary>
    private static string? OperationId(HttpRequest request) =>
        request.Headers["x-ms-client-request-id"].FirstOrDefault() is { Length: > 0 } id ? id
        : request.Headers["x-ms-activity-id"].FirstOrDefault() is { Length: > 0 } activity ? activity
        : null;
}
