using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessOps.Domain.Alerts;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>
/// The default <see cref="IAlertOwnerResolver"/>, until the brand registry registers its own: the registry's owners of
/// the signal on the channel when the newest brand directory holds the brand (<see cref="BrandOwners.Named"/>: nobody
/// when that is the seed's placeholder for a brand whose settings named no owner), otherwise the brand's one
/// configured owner, <c>Brands:{brandId}:Owner</c>, for every signal.
/// </summary>
public sealed class ConfigurationAlertOwnerResolver(IConfiguration configuration, IServiceProvider services) : IAlertOwnerResolver
{
    public ValueTask<string?> ResolveAsync(string brandId, BrandSignal signal, SalesChannel? channel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(brandId);
        var directory = services.GetService<IBrandDirectorySource>()?.Current;
        if (directory is not null && directory.Brands.TryGetValue(brandId, out var brand) && brand.Owners is { } owners)
        {
            return ValueTask.FromResult<string?>(owners.Named(signal, channel));
        }

        var configured = configuration[$"Brands:{brandId}:Owner"];
        return ValueTask.FromResult(string.IsNullOrWhiteSpace(configured) ? null : configured.Trim());
    }
}
