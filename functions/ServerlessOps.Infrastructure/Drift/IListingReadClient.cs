using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Catalog;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Inventory.Drift;

namespace ServerlessOps.Infrastructure.Drift;

/// <summary>
/// Reads one listing's quantity (and price where the channel's read gives it) back from its channel, through the
/// channel's resilience pipeline. What is left after the retries is thrown as the channel API exceptions, as the push
/// clients do; a listing the channel does not know is a <see cref="ListingReadBack"/> with no quantity and a note.
/// </summary>
public interface IListingReadClient
{
    SalesChannel Channel { get; }

    Task<ListingReadBack> ReadAsync(ChannelAccount account, ChannelListing listing, CancellationToken cancellationToken = default);
}
