using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Registry;

public static class RegistryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the brand registry: <see cref="RegistryOptions"/> (section <c>Registry</c>, validated at start),
    /// <see cref="IBrandRegistry"/> on Cosmos, the secret resolver (Key Vault with the managed identity), the cache behind
    /// <see cref="IBrandDirectorySource"/> and <see cref="IChannelApiCredentialSource"/>, the settings seed, and
    /// <see cref="RegistryRefreshService"/>, which loads the cache before the host serves and keeps it fresh.
    /// Needs the Cosmos stores (<c>AddCosmosStores</c>). Call before <c>AddChannelApiClients</c> so outbound credentials
    /// come from the registry.
    /// </summary>
    public static IServiceCollection AddBrandRegistry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(BrandDirectoryCache)))
        {
            return services;
        }

        services.AddOptions<RegistryOptions>().BindConfiguration(RegistryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IKeyVaultSecretReader, KeyVaultSecretReader>();
        services.TryAddSingleton<SecretResolver>();
        services.TryAddSingleton<RegistrySnapshotBuilder>();
        services.TryAddSingleton<CosmosBrandRegistry>();
        services.TryAddSingleton<IBrandRegistry>(sp => sp.GetRequiredService<CosmosBrandRegistry>());
        services.TryAddSingleton<BrandDirectoryCache>();
        services.TryAddSingleton<IBrandDirectorySource>(sp => sp.GetRequiredService<BrandDirectoryCache>());
        services.TryAddSingleton<IChannelApiCredentialSource, RegistryChannelApiCredentialSource>();
        services.TryAddSingleton<RegistryLoader>();
        services.TryAddSingleton<SettingsRegistrySeed>();
        services.AddHostedService<RegistryRefreshService>();
        return services;
    }
}
