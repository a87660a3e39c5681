using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Alerts;

/// <summary>
/// Who owns a brand's signal on a channel: the person an alert of that signal names and notifies. The brand registry
/// implements it from the brand's owners (<see cref="BrandOwners.For"/>); until then a configured default owner per
/// brand answers for every signal.
/// </summary>
public interface IAlertOwnerResolver
{
    /// <returns>An e-mail address, or null when the brand names nobody (the alert is still recorded and sent, owner "unassigned").</returns>
    ValueTask<string?> ResolveAsync(string brandId, BrandSignal signal, SalesChannel? channel, CancellationToken cancellationToken = default);
}
