using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Brands;

/// <summary>
/// Maps a channel account to its brand. Built once from configuration; lookups are case-insensitive because
/// shop domains and seller ids arrive in whatever case the channel chose.
/// </summary>
public sealed class BrandDirectory
{
    private readonly Dictionary<(SalesChannel, string), ChannelAccountRegistration> _accounts;

    public BrandDirectory(IEnumerable<ChannelAccountRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        _accounts = new Dictionary<(SalesChannel, string), ChannelAccountRegistration>(AccountKeyComparer.Instance);
        foreach (var registration in registrations)
        {
            var key = (registration.Account.Channel, registration.Account.AccountId);
            if (!_accounts.TryAdd(key, registration))
            {
                throw new ArgumentException(
                    $"Channel account {registration.Account.Channel}/{registration.Account.AccountId} is registered twice " +
                    $"(brands '{_accounts[key].Account.BrandId}' and '{registration.Account.BrandId}'); an account belongs to one brand.",
                    nameof(registrations));
            }
        }
    }

    public IReadOnlyCollection<ChannelAccountRegistration> All => _accounts.Values;

    public bool TryResolve(SalesChannel channel, string? accountId, out ChannelAccountRegistration registration)
    {
        if (string.IsNullOrWhiteSpace(accountId))
        {
            registration = null!;
            return false;
        }

        return _accounts.TryGetValue((channel, accountId.Trim()), out registration!);
    }

    /// <summary>Accounts of one channel; used where the channel does not say which account a call is for.</summary>
    public IEnumerable<ChannelAccountRegistration> ForChannel(SalesChannel channel) =>
        _accounts.Values.Where(r => r.Account.Channel == channel);

    private sealed class AccountKeyComparer : IEqualityComparer<(SalesChannel Channel, string AccountId)>
    {
        public static readonly AccountKeyComparer Instance = new();

        public bool Equals((SalesChannel Channel, string AccountId) x, (SalesChannel Channel, string AccountId) y) =>
            x.Channel == y.Channel && string.Equals(x.AccountId, y.AccountId, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((SalesChannel Channel, string AccountId) obj) =>
            HashCode.Combine(obj.Channel, StringComparer.OrdinalIgnoreCase.GetHashCode(obj.AccountId));
    }
}
