using System.Security.Cryptography;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>
/// The stub marketplace's token issuer, shared by its four token endpoints: authorisation codes (one use, 10 minutes),
/// access tokens with a configurable lifetime (so a test can make them lapse mid-run), refresh tokens that rotate like
/// Shopify's (a new one on every use; the previous one stays good until the replacement is used, Shopify's 2026-08-28
/// grace) or TikTok's (a new one on every use; CHANNELS.md 6 documents no grace, so the stub keeps none: the previous one
/// dies at once) or stay (Amazon), Walmart client credentials, revocation, and a count of token calls per account.
/// Thread-safe; the real clock.
/// </summary>
public sealed class StubTokenAuthority
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<(SalesChannel, string), Grant> _grants = [];
    private readonly Dictionary<string, (SalesChannel Channel, string Account, DateTimeOffset ExpiresAt)> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SalesChannel Channel, string Account, DateTimeOffset ExpiresAt)> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (SalesChannel Channel, string Account)> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Secret, string PartnerId)> _walmartClients = new(StringComparer.Ordinal);
    private readonly Dictionary<SalesChannel, TimeSpan> _lifetimes = new()
    {
        [SalesChannel.Shopify] = TimeSpan.FromHours(1),
        [SalesChannel.Amazon] = TimeSpan.FromHours(1),
        [SalesChannel.Walmart] = TimeSpan.FromMinutes(15),
        [SalesChannel.TikTokShop] = TimeSpan.FromDays(7),
    };

    /// <summary>What a token endpoint answers: tokens, or an OAuth error.</summary>
    public sealed record Outcome(string? AccessToken, DateTimeOffset ExpiresAt, string? RefreshToken, string? Account, string? Error)
    {
        public bool IsSuccess => Error is null;

        public static Outcome Failed(string error) => new(null, default, null, null, error);

        public override string ToString() => $"Outcome {{ Account = {Account}, Error = {Error} }}";
    }

    /// <summary>Sets how long access tokens issued for <paramref name="channel"/> from now on last.</summary>
    public void SetAccessTokenLifetime(SalesChannel channel, TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        lock (_lock)
        {
            _lifetimes[channel] = lifetime;
        }
    }

    /// <summary>Calls the channel's token endpoints received for the account: exchanges, refreshes, client credentials, refused ones too.</summary>
    public int TokenCalls(SalesChannel channel, string account)
    {
        lock (_lock)
        {
            return _grants.TryGetValue(Key(channel, account), out var grant) ? grant.Calls : 0;
        }
    }

    /// <summary>Every refresh token the account's grant has presented, oldest first (values: tests compare them, never print them).</summary>
    public IReadOnlyList<string> RefreshTokensPresented(SalesChannel channel, string account)
    {
        lock (_lock)
        {
            return _grants.TryGetValue(Key(channel, account), out var grant) ? [.. grant.Presented] : [];
        }
    }

    /// <summary>The account's grant is revoked: every refresh answers invalid_grant (Walmart: its client credentials are refused).</summary>
    public void Revoke(SalesChannel channel, string account)
    {
        lock (_lock)
        {
            GrantOf(channel, account).Revoked = true;
        }
    }

    /// <summary>
    /// Every access token issued for the account stops working now, before it expires, as when the merchant uninstalls
    /// the app (Shopify revokes its tokens) or a seller withdraws its authorisation: the order APIs answer them 401.
    /// </summary>
    public void RevokeAccessTokens(SalesChannel channel, string account)
    {
        lock (_lock)
        {
            foreach (var (token, issued) in _accessTokens.ToList())
            {
                if (issued.Channel == channel && string.Equals(issued.Account, account.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    _accessTokens[token] = issued with { ExpiresAt = DateTimeOffset.MinValue };
                }
            }
        }
    }

    /// <summary>Walmart: the seller's client id and secret for <paramref name="partnerId"/> (replacing any earlier ones of that client id).</summary>
    public void RegisterWalmartClient(string partnerId, string clientId, string clientSecret)
    {
        lock (_lock)
        {
            _walmartClients[clientId] = (clientSecret, partnerId);
            GrantOf(SalesChannel.Walmart, partnerId).Revoked = false;
        }
    }

    /// <summary>A one-use authorisation code for the account, as the merchant's approval produces.</summary>
    public string IssueCode(SalesChannel channel, string account)
    {
        var code = NewToken("code");
        lock (_lock)
        {
            _codes[code] = (channel, account, DateTimeOffset.UtcNow + CodeLifetime);
        }

        return code;
    }

    /// <summary>Exchanges a code: a fresh grant (access and refresh token) for its account; the code is used up.</summary>
    public Outcome ExchangeCode(SalesChannel channel, string code)
    {
        lock (_lock)
        {
            if (!_codes.Remove(code, out var issued) || issued.Channel != channel || issued.ExpiresAt <= DateTimeOffset.UtcNow)
            {
                return Outcome.Failed("invalid_grant");
            }

            var grant = GrantOf(channel, issued.Account);
            grant.Calls++;
            grant.Revoked = false;
            grant.Previous = null;
            grant.Current = NewToken("refresh");
            _refreshTokens[grant.Current] = (channel, issued.Account);
            return Issue(channel, issued.Account, grant.Current);
        }
    }

    /// <summary>A refresh with <paramref name="refreshToken"/> (for <paramref name="account"/> when the endpoint names it, Shopify's shop).</summary>
    /// <param name="rotates">A new refresh token with every refresh (Shopify, TikTok Shop); false: the same one stays (Amazon).</param>
    /// <param name="keepsPrevious">With <paramref name="rotates"/>: the previous token stays good until its replacement is used (Shopify).</param>
    public Outcome Refresh(SalesChannel channel, string? account, string refreshToken, bool rotates, bool keepsPrevious = false)
    {
        lock (_lock)
        {
            if (!_refreshTokens.TryGetValue(refreshToken, out var owner) || owner.Channel != channel
                || (account is not null && !string.Equals(owner.Account, account, StringComparison.OrdinalIgnoreCase)))
            {
                if (account is not null)
                {
                    GrantOf(channel, account).Calls++;
                }

                return Outcome.Failed("invalid_grant");
            }

            var grant = GrantOf(channel, owner.Account);
            grant.Calls++;
            grant.Presented.Add(refreshToken);
            var isCurrent = string.Equals(refreshToken, grant.Current, StringComparison.Ordinal);
            var isPrevious = keepsPrevious && string.Equals(refreshToken, grant.Previous, StringComparison.Ordinal);
            if (grant.Revoked || (!isCurrent && !isPrevious))
            {
                return Outcome.Failed("invalid_grant");
            }

            if (!rotates)
            {
                return Issue(channel, owner.Account, null);
            }

            // Using the current token drops its predecessor and keeps it as the new one's predecessor; using the
            // predecessor again (its replacement was never used: lost) keeps it, and replaces the lost one.
            if (isCurrent)
            {
                grant.Previous = grant.Current;
            }

            grant.Current = NewToken("refresh");
            _refreshTokens[grant.Current] = (channel, owner.Account);
            return Issue(channel, owner.Account, grant.Current);
        }
    }

    /// <summary>Walmart client credentials: a 15-minute token (by default) for the partner they belong to.</summary>
    public Outcome ClientCredentials(string clientId, string clientSecret)
    {
        lock (_lock)
        {
            if (!_walmartClients.TryGetValue(clientId, out var client))
            {
                return Outcome.Failed("invalid_client");
            }

            var grant = GrantOf(SalesChannel.Walmart, client.PartnerId);
            grant.Calls++;
            if (grant.Revoked || !CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(clientSecret), System.Text.Encoding.UTF8.GetBytes(client.Secret)))
            {
                return Outcome.Failed("invalid_client");
            }

            return Issue(SalesChannel.Walmart, client.PartnerId, null);
        }
    }

    /// <summary>Null when <paramref name="token"/> is not one this authority issued; otherwise whether it is still valid.</summary>
    public bool? IsValid(SalesChannel channel, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        lock (_lock)
        {
            return _accessTokens.TryGetValue(token, out var issued) && issued.Channel == channel
                ? issued.ExpiresAt > DateTimeOffset.UtcNow
                : null;
        }
    }

    /// <summary>The account an issued, valid access token belongs to; null otherwise.</summary>
    public string? AccountOf(SalesChannel channel, string? token)
    {
        lock (_lock)
        {
            return token is not null && _accessTokens.TryGetValue(token, out var issued) && issued.Channel == channel && issued.ExpiresAt > DateTimeOffset.UtcNow
                ? issued.Account
                : null;
        }
    }

    private Outcome Issue(SalesChannel channel, string account, string? refreshToken)
    {
        var access = NewToken("access");
        var expiresAt = DateTimeOffset.UtcNow + _lifetimes[channel];
        _accessTokens[access] = (channel, account, expiresAt);
        return new Outcome(access, expiresAt, refreshToken, account, null);
    }

    private Grant GrantOf(SalesChannel channel, string account)
    {
        var key = Key(channel, account);
        if (!_grants.TryGetValue(key, out var grant))
        {
            grant = new Grant();
            _grants[key] = grant;
        }

        return grant;
    }

    private static (SalesChannel, string) Key(SalesChannel channel, string account) => (channel, account.Trim().ToLowerInvariant());

    private static string NewToken(string kind) => $"stub-{kind}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

    private sealed class Grant
    {
        public string? Current { get; set; }

        public string? Previous { get; set; }

        public bool Revoked { get; set; }

        public int Calls { get; set; }

        public List<string> Presented { get; } = [];
    }
}
