using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// The brands whose alerts the retry timer sweeps and the metrics report: those of the newest brand directory
/// (the registry's snapshot when it is registered, otherwise the directory built from configuration). Sweeping per
/// brand keeps every query in one partition.
/// </summary>
public sealed class AlertBrandIds(IServiceProvider services)
{
    public IReadOnlyList<string> Current()
    {
        var directory = services.GetService<IBrandDirectorySource>()?.Current ?? services.GetService<BrandDirectory>() ?? BrandDirectory.Empty;
        return [.. directory.Brands.Keys.Concat(directory.All.Select(r => r.Account.BrandId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
