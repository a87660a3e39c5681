using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessOps.Domain.Review.Report;

namespace ServerlessOps.Infrastructure.Reports;

/// <summary>Registers report publishing and download links: section <c>Reports</c>, <see cref="IReportArchive"/>, <see cref="ReportLinks"/>.</summary>
public static class ReportsServiceCollectionExtensions
{
    /// <summary>Needs <c>AddIngestion</c> (the blob service client, Cosmos containers and the time provider).</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ReportArchive>();
        services.TryAddSingleton<IReportArchive>(sp => sp.GetRequiredService<ReportArchive>());
        services.TryAddSingleton<ReportLinks>();
        return services;
    }
}
