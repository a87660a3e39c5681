using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Review.Data;
using ServerlessOps.Infrastructure.Catalog.Import;
using ServerlessOps.Infrastructure.Review.Import;

namespace ServerlessOps.Infrastructure.Review.Data;

public static class ReviewDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the review's imported history on the <c>reviewData</c> container: <see cref="ReviewImportOptions"/>
    /// (section <c>ReviewImport</c>, validated at start), <see cref="CosmosReviewDataStore"/> as itself and as
    /// <see cref="IReviewDataStore"/>, <see cref="OrderHistoryImport"/> and the <see cref="IImportKindPlanner"/> that lets
    /// the catalog's import endpoint take the history kinds. Needs the Cosmos stores, the order store and the brand
    /// registry (AddCosmosStores, AddRegistry) and AddCatalog for the endpoint.
    /// </summary>
    public static IServiceCollection AddReviewData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ReviewImportOptions>().Bind(configuration.GetSection(ReviewImportOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CosmosReviewDataStore>();
        services.TryAddSingleton<IReviewDataStore>(sp => sp.GetRequiredService<CosmosReviewDataStore>());
        services.TryAddSingleton<OrderHistoryImport>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IImportKindPlanner, ReviewImportPlanner>());
        return services;
    }
}
