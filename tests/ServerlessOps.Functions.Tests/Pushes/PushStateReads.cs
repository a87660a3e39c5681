using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Testing.Cosmos;

namespace ServerlessOps.Functions.Tests.Pushes;

/// <summary>The app's point reads of one SKU's listing push states, counted in front of its Cosmos client.</summary>
internal static class PushStateReads
{
    public static CosmosPointReads Of(string sku) => new((path, partition) =>
        path.Contains("/docs/push|", StringComparison.Ordinal) && partition?.Contains($"|{sku}\"", StringComparison.Ordinal) == true);

    /// <summary>Gives the app a Cosmos client with <paramref name="reads"/> in front of its own handlers.</summary>
    public static void Install(this CosmosPointReads reads, IServiceCollection services) =>
        services.AddSingleton(sp => CosmosClientFactory.Create(sp.GetRequiredService<IOptions<CosmosOptions>>().Value, handlers: [reads]));
}
