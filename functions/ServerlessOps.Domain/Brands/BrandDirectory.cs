using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Brands;

/// <summary>
/// One immutable snapshot of the registry as the edge reads it: brands by id, and each channel account with its
/// brand and resolved webhook credentials. Built from the registry and swapped whole when it changes
/// (<see cref="IBrandDirectorySource"/>); lookups are case-insensitive because shop domains and seller ids arrive
/// in whatever case the channel chose.
/// </summary>
public sealed class BrandDirectory
{
    private readonly Dictionary<(SalesChannel, string), ChannelAccountRegistration> _accounts;
    private readonly Dictionary<string, Brand> _brands;

    /// <summary>An empty directory: every account unknown, every brand unconfigured.</summary>
    public static BrandDirectory Empty { get; } = new([], []);

    /// <summary>Accounts only; a brand counts as configured when one of its accounts is registered.</summary>
    public BrandDirectory(IEnumerable<ChannelAccountRegistration> registrations)
        : this([], registrations)
    {
    }

    public BrandDirectory(IEnumerable<Brand> brands, IEnumerable<ChannelAccountRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(brands);
        ArgumentNullException.ThrowIfNull(registrations);
        _brands = new Dictionary<string, Brand>(StringComparer.Ordinal);
        foreach (var brand in brands)
        {
            _brands[brand.Id] = brand;
        }

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

    /// <summary>The registry's brands by id.</summary>
    public IReadOnlyDictionary<string, Brand> Brands => _brands;

    /// <summary>Whether <paramref name="brandId"/> is a brand of this deployment: in the registry, or named by a registered account.</summary>
    public bool IsConfigured(string brandId) =>
        _brands.ContainsKey(brandId) || _accounts.Values.Any(r => string.Equals(r.Account.BrandId, brandId, StringComparison.Ordinal));

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
