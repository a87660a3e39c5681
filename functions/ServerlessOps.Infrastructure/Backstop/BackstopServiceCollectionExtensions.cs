using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Backstop;

public static class BackstopServiceCollectionExtensions
{
    /// <summary>
    /// Registers the missed-webhook backstop: <see cref="BackstopOptions"/> (section <c>Backstop</c>, validated at start),
    /// the four listers as typed HttpClients behind the same resilience pipeline as the order readers (429 and
    /// Retry-After honoured, <c>Channels:{channel}</c> timeouts and retries; Shopify's with the defaults, its host being
    /// per shop), <see cref="BackstopStore"/> and <see cref="MissedWebhookBackstop"/>. Needs the ingestion path
    /// (AddIngestion), the brand registry and an <see cref="Domain.Alerts.IAlertRaiser"/>.
    /// </summary>
    public static IServiceCollection AddBackstop(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BackstopOptions>().Bind(configuration.GetSection(BackstopOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        AddLister<AmazonOrderLister>(services, SalesChannel.Amazon);
        AddLister<WalmartOrderLister>(services, SalesChannel.Walmart);
        AddLister<TikTokShopOrderLister>(services, SalesChannel.TikTokShop);
        AddLister<ShopifyOrderLister>(services, SalesChannel.Shopify);
        services.TryAddSingleton<BackstopStore>();
        services.TryAddSingleton<MissedWebhookBackstop>();
        return services;
    }

    private static void AddLister<TLister>(IServiceCollection services, SalesChannel channel)
        where TLister : class, IChannelOrderLister =>
        ChannelApiClientRegistration.Add<TLister, IChannelOrderLister>(services, channel, "backstop");
}
