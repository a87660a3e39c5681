using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>
/// The whole registry at one moment, with every secret resolved: the edge's <see cref="BrandDirectory"/>, each account
/// with its secrets for outbound calls, and each document's ETag (to tell a real change from a repeat). Immutable;
/// <see cref="BrandDirectoryCache"/> swaps it whole.
/// </summary>
public sealed class RegistrySnapshot
{
    private readonly Dictionary<(SalesChannel, string), ResolvedAccount> _accounts;

    public RegistrySnapshot(
        BrandDirectory directory,
        IEnumerable<ResolvedAccount> accounts,
        IReadOnlyDictionary<string, string> versions,
        DateTimeOffset loadedAt)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(accounts);
        Directory = directory;
        Versions = versions;
        LoadedAt = loadedAt;
        _accounts = accounts.ToDictionary(a => (a.Connection.Account.Channel, Key(a.Connection.Account.AccountId)));
    }

    /// <summary>Before the first load: nothing known.</summary>
    public static RegistrySnapshot Empty { get; } = new(BrandDirectory.Empty, [], new Dictionary<string, string>(), DateTimeOffset.MinValue);

    public BrandDirectory Directory { get; }

    /// <summary>Document id to the ETag it was loaded at.</summary>
    public IReadOnlyDictionary<string, string> Versions { get; }

    public DateTimeOffset LoadedAt { get; }

    public IReadOnlyCollection<ResolvedAccount> Accounts => _accounts.Values;

    public bool TryGetAccount(SalesChannel channel, string accountId, out ResolvedAccount account) =>
        _accounts.TryGetValue((channel, Key(accountId)), out account!);

    private static string Key(string accountId) => accountId.Trim().ToLowerInvariant();
}
