using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>
/// Registers a typed HttpClient of one channel's API, the one way every outbound channel client is wired (order readers,
/// backstop listers, settlement readers, listing pushes, price updates and read-backs): the channel's base URL from
/// <c>Channels:{channel}</c>, no HttpClient timeout, pooled connections recycled, and <see cref="ChannelApiResilience"/>
/// with that channel's timeouts and retries, one pipeline (so one circuit breaker) per channel account, and outside it
/// <see cref="ChannelAccessTokenRenewalHandler"/> (a refused token, <see cref="ChannelTokenRefusal"/>, is renewed and the call sent once more). Shopify's host is per shop, so its clients get no base address (each request
/// carries the shop's absolute URL) and their pipeline takes the endpoint the caller names.
/// </summary>
internal static class ChannelApiClientRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TClient"/> and resolves <typeparamref name="TService"/> to it, so a caller asking for
    /// every <typeparamref name="TService"/> gets one per registered channel.
    /// </summary>
    /// <param name="pipelineSuffix">Names the resilience pipeline <c>{channel slug}-{suffix}</c>, as seen in its telemetry.</param>
    /// <param name="shopifyEndpoint">Timeouts and retries of Shopify's pipeline; null for the endpoint defaults.</param>
    public static void Add<TClient, TService>(
        IServiceCollection services,
        SalesChannel channel,
        string pipelineSuffix,
        Func<IServiceProvider, ChannelEndpointOptions>? shopifyEndpoint = null)
        where TClient : class, TService
        where TService : class
    {
        Add<TClient>(services, channel, pipelineSuffix, shopifyEndpoint);
        services.AddTransient<TService>(provider => provider.GetRequiredService<TClient>());
    }

    /// <summary>Registers <typeparamref name="TClient"/> alone, for a caller that registers its service itself.</summary>
    /// <inheritdoc cref="Add{TClient, TService}" path="/param"/>
    public static void Add<TClient>(
        IServiceCollection services,
        SalesChannel channel,
        string pipelineSuffix,
        Func<IServiceProvider, ChannelEndpointOptions>? shopifyEndpoint = null)
        where TClient : class
    {
        ChannelEndpointOptions EndpointOf(IServiceProvider provider) =>
            channel == SalesChannel.Shopify
                ? shopifyEndpoint?.Invoke(provider) ?? new ChannelEndpointOptions { BaseUrl = "https://shopify.invalid/" }
                : provider.GetRequiredService<IOptionsMonitor<ChannelApiOptions>>().CurrentValue.For(channel);

        var client = services
            .AddHttpClient<TClient>((provider, client) =>
            {
                if (channel != SalesChannel.Shopify)
                {
                    var baseUrl = EndpointOf(provider).BaseUrl;
                    client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
                }

                // The resilience pipeline's total timeout governs; HttpClient's own 100 s would cut across it.
                client.Timeout = Timeout.InfiniteTimeSpan;
            })

            // Clients end up in singletons (the delivery processor, the backstop), so their handler is never rotated by
            // the factory: recycling pooled connections keeps DNS changes of the channel hosts visible anyway.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

        // Outside the resilience pipeline (added before it): a refused token (401, Amazon's 403, TikTok's code) is renewed once
        // and the whole call, retries included, sent once more; the pipeline never retries a 401 or 403 itself.
        client.AddHttpMessageHandler(provider => new ChannelAccessTokenRenewalHandler(
            channel,
            provider.GetRequiredService<IChannelApiCredentialSource>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<ChannelAccessTokenRenewalHandler>()));
        client.AddResilienceHandler($"{channel.Slug()}-{pipelineSuffix}", (builder, context) =>
        {
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ChannelApiResilience).FullName!);
            var breaker = context.ServiceProvider.GetRequiredService<IOptionsMonitor<ChannelApiOptions>>().CurrentValue.CircuitBreaker;
            ChannelApiResilience.Configure(builder, EndpointOf(context.ServiceProvider), breaker, channel, context.InstanceName, logger);
        })

        // A pipeline per account (or per host where the request names none: a Shopify shop's own): one seller's
        // failing calls open that seller's circuit only.
        .SelectPipelineBy(_ => ChannelCircuitBreaker.KeyOf);

        if (channel == SalesChannel.Amazon)
        {
            // Inside the retries (added after them): every attempt waits for its account's usage-plan token.
            services.TryAddSingleton<AmazonUsagePlans>();
            client.AddHttpMessageHandler(provider => new AmazonUsagePlanHandler(
                provider.GetRequiredService<AmazonUsagePlans>(),
                provider.GetRequiredService<IOptionsMonitor<ChannelApiOptions>>(),
                provider.GetRequiredService<ILogger<AmazonUsagePlanHandler>>()));
        }
    }
}
