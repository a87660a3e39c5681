using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using ServerlessOps.Infrastructure.Channels;
using ServerlessOps.Infrastructure.Connections;

namespace ServerlessOps.Infrastructure.Tokens;

public static class TokensServiceCollectionExtensions
{
    /// <summary>
    /// Registers obtained tokens: <see cref="ChannelTokenOptions"/> (section <c>ChannelTokens</c>) and
    /// <see cref="ChannelAppOptions"/> (section <c>ChannelApps</c>), both validated at start; the token store on Cosmos
    /// (<see cref="IChannelTokenStore"/>), the token endpoints behind their own HTTP client (no request logging),
    /// <see cref="ChannelTokenService"/>, the connection states, and <see cref="TokenChannelApiCredentialSource"/> in place of
    /// any other <see cref="IChannelApiCredentialSource"/>. Needs the brand registry, the Cosmos stores, the channel API
    /// clients and an <see cref="Domain.Alerts.IAlertRaiser"/> (<c>AddIngestion</c>, <c>AddAlerts</c>): call after them.
    /// </summary>
    public static IServiceCollection AddChannelTokens(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ChannelTokenService)))
        {
            return services;
        }

        services.AddOptions<ChannelTokenOptions>().BindConfiguration(ChannelTokenOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChannelAppOptions>().BindConfiguration(ChannelAppOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelAppOptions>, ChannelAppOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IChannelTokenStore, CosmosChannelTokenStore>();
        services.TryAddSingleton<TokenEndpoint>();
        services.TryAddSingleton<ShopifyTokenClient>();
        services.TryAddSingleton<AmazonTokenClient>();
        services.TryAddSingleton<TikTokShopTokenClient>();
        services.TryAddSingleton<WalmartTokenClient>();
        services.TryAddSingleton<TikTokShopAuthorizedShops>();
        services.TryAddSingleton(sp => new ChannelTokenClients(
            sp.GetRequiredService<ShopifyTokenClient>(), sp.GetRequiredService<AmazonTokenClient>(),
            sp.GetRequiredService<TikTokShopTokenClient>(), sp.GetRequiredService<WalmartTokenClient>()));
        services.TryAddSingleton<ChannelTokenService>();
        services.TryAddSingleton<ConnectionStateStore>();
        services.TryAddSingleton<ChannelConnector>();
        services.Replace(ServiceDescriptor.Singleton<IChannelApiCredentialSource, TokenChannelApiCredentialSource>());

        services.AddHttpClient(TokenEndpoint.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            // The token APIs carry client secrets in the body (and TikTok's in the query string): no request is logged.
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .AddResilienceHandler(TokenEndpoint.HttpClientName, (builder, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<ChannelTokenOptions>>().CurrentValue;
                var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TokenEndpoint).FullName!);
                Configure(builder, options, logger);
            });
        return services;
    }

    /// <summary>Total timeout, retries of 408/429/5xx/timeouts (never a 400 or 401: a refused grant is an answer), attempt timeout.</summary>
    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ChannelTokenOptions options, ILogger logger)
    {
        builder.AddTimeout(options.TokenCallLimit);
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                MaxDelay = TimeSpan.FromSeconds(10),
                ShouldRetryAfterHeader = true,
                OnRetry = args =>
                {
                    var path = args.Outcome.Result?.RequestMessage?.RequestUri?.AbsolutePath ?? "(request)";
                    var outcome = args.Outcome.Result is { } response
                        ? $"{(int)response.StatusCode} {response.StatusCode}"
                        : args.Outcome.Exception?.GetType().Name ?? "unknown";
                    logger.TokenCallRetrying(path, outcome, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
    }
}
