using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Cosmos;
using ServerlessOps.Infrastructure.Tokens;

namespace ServerlessOps.Infrastructure.Connections;

/// <summary>
/// The OAuth <c>state</c> of connections (CSRF protection and the binding to a brand): <c>{nonce}.{mac}</c>, the nonce
/// random, the MAC an HMAC-SHA256 under the channel app's secret over channel, brand, nonce and expiry. The state is
/// stored (<see cref="ConnectionStateDocument"/>) and consumed once under its ETag: an unknown, forged, expired or
/// already used state is refused, whichever instance the callback reaches.
/// </summary>
public sealed class ConnectionStateStore
{
    private const int NonceBytes = 18;

    private readonly CosmosDocuments<ConnectionStateDocument> _states;
    private readonly CosmosDocuments<ShopifyInstallDocument> _installs;
    private readonly IOptionsMonitor<ChannelAppOptions> _apps;
    private readonly TimeProvider _time;
    private readonly ILogger<ConnectionStateStore> _logger;

    public ConnectionStateStore(
        CosmosContainers containers, IOptions<CosmosOptions> cosmos, IOptionsMonitor<ChannelAppOptions> apps, TimeProvider time, ILogger<ConnectionStateStore> logger)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(cosmos);
        _states = new(containers.ChannelTokens, cosmos.Value.QueryPageSize, logger);
        _installs = new(containers.ChannelTokens, cosmos.Value.QueryPageSize, logger);
        _apps = apps;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Stores a new state for <paramref name="template"/>'s brand and channel (its id, nonce, times are filled in here) and
    /// returns the signed value to send. Needs the channel's app secret (<c>ChannelApps</c>).
    /// </summary>
    public async Task<ConnectionStart> CreateAsync(ConnectionStateDocument template, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(template);
        var now = _time.GetUtcNow();
        var nonce = Base64Url(RandomNumberGenerator.GetBytes(NonceBytes));
        var id = ConnectionStateDocument.DocumentId(nonce);
        var document = template with
        {
            Id = id,
            Pk = id,
            Nonce = nonce,
            CreatedAt = now,
            ExpiresAt = now + _apps.CurrentValue.StateLifetime,
            TimeToLiveSeconds = ConnectionStateDocument.TimeToLiveFor(_apps.CurrentValue.StateLifetime),
            UsedAt = null,
            ETag = null,
        };
        var channel = Channel(document);
        await _states.CreateAsync(document, id, id, cancellationToken);
        _logger.ConnectionStarted(channel, document.BrandId, document.CreatedBy, document.ExpiresAt);
        return new ConnectionStart($"{nonce}.{Mac(channel, document)}", document.ExpiresAt, document);
    }

    /// <summary>
    /// Checks a callback's state for <paramref name="channel"/> and consumes it: accepted once, then refused as replayed.
    /// </summary>
    public async Task<ConnectionStateCheck> ConsumeAsync(SalesChannel channel, string? state, CancellationToken cancellationToken = default)
    {
        var parts = (state ?? string.Empty).Split('.');
        if (parts.Length != 2 || parts[0].Length != Base64UrlLength(NonceBytes) || !parts[0].All(IsBase64UrlChar))
        {
            return Refuse(channel, "missing or malformed: it was not issued by this app");
        }

        var id = ConnectionStateDocument.DocumentId(parts[0]);
        var read = await _states.ReadAsync(id, id, cancellationToken);
        if (read is not { } found)
        {
            return Refuse(channel, "unknown: it was not issued by this app");
        }

        var document = found.Document;
        var expected = Mac(channel, document);
        if (!string.Equals(document.Channel, channel.Slug(), StringComparison.Ordinal)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[1]), Encoding.ASCII.GetBytes(expected)))
        {
            return Refuse(channel, "its signature does not match: it was not issued by this app for this channel");
        }

        var now = _time.GetUtcNow();
        if (document.UsedAt is { } usedAt)
        {
            return Refuse(channel, $"already used at {usedAt.ToString("u", CultureInfo.InvariantCulture)}: a state is good for one callback (a replay?). Start the connection again");
        }

        if (document.ExpiresAt <= now)
        {
            return Refuse(channel, $"expired at {document.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)}: start the connection again");
        }

        try
        {
            await _states.ReplaceAsync(document with { UsedAt = now, ETag = null }, id, id, found.ETag, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return Refuse(channel, "already used by a concurrent callback (a replay?)");
        }

        return ConnectionStateCheck.Accepted(document with { UsedAt = now });
    }

    /// <summary>Remembers that an admin started a Shopify connection of <paramref name="shop"/> for a brand (the app launch URL finds it).</summary>
    public Task RememberShopifyInstallAsync(string shop, string brandId, string createdBy, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var id = ShopifyInstallDocument.DocumentId(shop);
        return _installs.UpsertAsync(
            new ShopifyInstallDocument
            {
                Id = id, Pk = id, Shop = shop, BrandId = brandId, CreatedBy = createdBy, ExpiresAt = expiresAt,
                TimeToLiveSeconds = ConnectionStateDocument.TimeToLiveFor(expiresAt - _time.GetUtcNow()),
            },
            id,
            id,
            cancellationToken);
    }

    /// <summary>The brand an admin started a connection of <paramref name="shop"/> for, while that start is valid; null otherwise.</summary>
    public async Task<ShopifyInstallDocument?> FindShopifyInstallAsync(string shop, CancellationToken cancellationToken = default)
    {
        var id = ShopifyInstallDocument.DocumentId(shop);
        var read = await _installs.ReadAsync(id, id, cancellationToken);
        return read is { } found && found.Document.ExpiresAt > _time.GetUtcNow() ? found.Document : null;
    }

    private ConnectionStateCheck Refuse(SalesChannel channel, string why)
    {
        _logger.StateRefused(channel, why);
        return ConnectionStateCheck.Refused($"The state is {why}.");
    }

    private static SalesChannel Channel(ConnectionStateDocument document) =>
        SalesChannelNames.TryParseSlug(document.Channel, out var channel)
            ? channel
            : throw new ArgumentException($"'{document.Channel}' is not a channel slug.", nameof(document));

    private string Mac(SalesChannel channel, ConnectionStateDocument document)
    {
        var key = SigningKey(channel);
        var message = $"{channel.Slug()}|{document.BrandId}|{document.Nonce}|{document.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        return Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(message)));
    }

    /// <summary>The channel app's secret: no other party has it, and it exists wherever the channel can be connected.</summary>
    private string SigningKey(SalesChannel channel)
    {
        var apps = _apps.CurrentValue;
        var key = channel switch
        {
            SalesChannel.Shopify => apps.Shopify.ClientSecret,
            SalesChannel.Amazon => apps.Amazon.ClientSecret,
            SalesChannel.TikTokShop => apps.TikTokShop.AppSecret,
            _ => null,
        };
        return string.IsNullOrEmpty(key)
            ? throw new InvalidOperationException($"{channel} has no app secret under ChannelApps: its connections cannot be signed.")
            : key;
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int Base64UrlLength(int bytes) => (int)Math.Ceiling(bytes * 4 / 3.0);

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
