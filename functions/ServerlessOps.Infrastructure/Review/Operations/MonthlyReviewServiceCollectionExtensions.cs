using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Infrastructure.Review.Facts;

namespace ServerlessOps.Infrastructure.Review.Operations;

public static class MonthlyReviewServiceCollectionExtensions
{
    /// <summary>
    /// The monthly loop's I/O: <see cref="MonthlyReviewOptions"/> (section <c>MonthlyReview</c>, validated at start), the
    /// facts builder on the catalog, the work blobs, <see cref="IMonthlyReviewSteps"/>, the daily and weekly reports and the
    /// reviews' start claims (<see cref="IReviewStartClaims"/>).
    /// Needs the Cosmos stores, the catalog, blob storage, the alert raiser, the review data store and the report archive
    /// (looked up when first used, so registration order is free).
    /// </summary>
    public static IServiceCollection AddMonthlyReview(this IServiceCollection services)
    {
        services.AddOptions<MonthlyReviewOptions>().BindConfiguration(MonthlyReviewOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IReviewCatalog, CatalogStoreReviewCatalog>();
        services.TryAddSingleton<ReviewFactsBuilder>();
        services.TryAddSingleton<ReviewWorkStore>();
        services.TryAddSingleton<IMonthlyReviewSteps, MonthlyReviewSteps>();
        services.TryAddSingleton<OperatingReports>();
        services.TryAddSingleton<IReviewStartClaims, CosmosReviewStartClaims>();
        return services;
    }
}
