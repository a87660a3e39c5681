namespace ServerlessOps.Domain.Inventory.Drift;

/// <summary>
/// What a channel says about one listing when asked (a read-back): the quantity it offers, the price it shows where its
/// read API gives one, and its own status words (Amazon's listing status and issues).
/// </summary>
/// <param name="Quantity">The quantity the channel offers now; null when its answer held none for the listing (then nothing is compared).</param>
/// <param name="Price">The unit price the channel shows, in <paramref name="Currency"/>; null when its read does not give one (Walmart's inventory read).</param>
/// <param name="Currency">ISO 4217 code of <paramref name="Price"/>.</param>
/// <param name="Note">The channel's own words worth keeping (status, issues); null when none.</param>
public sealed record ListingReadBack(int? Quantity, decimal? Price = null, string? Currency = null, string? Note = null);
