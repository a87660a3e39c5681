using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Infrastructure.Channels;

public static class ChannelApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the order readers (<see cref="ChannelOrderReaders"/>, and each as <see cref="IChannelOrderReader"/>)
    /// as typed HttpClients behind <see cref="ChannelApiResilience"/>, <see cref="ChannelApiOptions"/> from section
    /// <c>Channels</c> (validated at start), and <see cref="ConfigurationChannelApiCredentialSource"/> over
    /// <paramref name="configuration"/> unless an <see cref="IChannelApiCredentialSource"/> is already registered.
    /// </summary>
    public static IServiceCollection AddChannelApiClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(ChannelOrderReaders)))
        {
            // Called twice: a second set of readers would make ChannelOrderReaders see two per channel.
            return services;
        }

        services.AddOptions<ChannelApiOptions>().Bind(configuration.GetSection(ChannelApiOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChannelApiOptions>, ChannelApiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IChannelApiCredentialSource>(_ => new ConfigurationChannelApiCredentialSource(configuration));

        AddReader<AmazonOrderReader>(services, SalesChannel.Amazon);
        AddReader<WalmartOrderReader>(services, SalesChannel.Walmart);
        AddReader<TikTokShopOrderReader>(services, SalesChannel.TikTokShop);
        services.TryAddTransient<ChannelOrderReaders>();

        // The order flow's channel step (OrderAcknowledgement.IsAskedBy): Walmart only.
        AddClient<WalmartOrderAcknowledger>(services, SalesChannel.Walmart);
        services.TryAddTransient<IOrderAcknowledger>(provider => provider.GetRequiredService<WalmartOrderAcknowledger>());
        return services;
    }

    private static void AddReader<TReader>(IServiceCollection services, SalesChannel channel)
        where TReader : class, IChannelOrderReader
    {
        AddClient<TReader>(services, channel);
        services.AddTransient<IChannelOrderReader>(provider => provider.GetRequiredService<TReader>());
    }

    /// <summary>A typed client of <paramref name="channel"/>'s API: its base URL and the channel's resilience pipeline.</summary>
    private static void AddClient<TClient>(IServiceCollection services, SalesChannel channel)
        where TClient : class =>
        ChannelApiClientRegistration.Add<TClient>(services, channel, "api");
}
