using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessOps.Infrastructure.Push;

namespace ServerlessOps.Infrastructure.Drift;

/// <summary>
/// A failed push is followed at once by a read-back of that listing (issue 16 item 4: drift is read "after failed
/// pushes", not only on the schedule), so the drift view shows what the storefront holds while the push path retries.
/// The checker is resolved when needed: it repairs through the push worker, which in turn calls this.
/// </summary>
public sealed class DriftReadAfterFailedPush(IServiceProvider services, ILogger<DriftReadAfterFailedPush> logger) : IListingPushFailureFollowUp
{
    public async Task ListingPushFailedAsync(InventoryPushMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var result = await services.GetRequiredService<ListingDriftChecker>()
                .CheckListingAsync(message.BrandId, message.Sku, message.Channel, message.ChannelSku, cancellationToken);
            logger.ReadAfterFailedPush(message.Channel, message.ChannelSku, message.BrandId, message.Sku, result?.Result ?? "not-a-listing");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The push path owns the failure and its retries; a read that fails too must not fail the push message.
            logger.ReadAfterFailedPushNotMade(message.Channel, message.ChannelSku, message.BrandId, message.Sku, e);
        }
    }
}
