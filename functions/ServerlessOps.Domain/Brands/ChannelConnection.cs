using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Channels.Walmart;

namespace ServerlessOps.Domain.Brands;

/// <summary>
/// A channel account as the registry holds it: whose it is, where it stands, how its webhooks authenticate, and its
/// credentials, each kind with a current and a previous value (<see cref="ChannelSecret"/>). The secrets are
/// references (<see cref="SecretReference"/>); their values are resolved where they are used.
/// </summary>
/// <param name="Account">Brand, channel and the channel's account id; one account belongs to one brand.</param>
/// <param name="Status">Only <see cref="ChannelAccountStatus.Disconnected"/> refuses webhooks.</param>
/// <param name="Webhook">Non-secret webhook settings.</param>
/// <param name="Secrets">Credentials per kind; the kinds <see cref="SecretKinds.For"/> allows for the channel.</param>
/// <param name="ShopCipher">TikTok Shop: the shop's <c>shop_cipher</c> for outbound calls (not secret); null elsewhere.</param>
public sealed record ChannelConnection(
    ChannelAccount Account,
    ChannelAccountStatus Status,
    WebhookSettings Webhook,
    IReadOnlyDictionary<SecretKind, ChannelSecret> Secrets,
    string? ShopCipher = null)
{
    public const int MaxAccountIdLength = 200;

    /// <summary>The secret of <paramref name="kind"/>, or null.</summary>
    public ChannelSecret? Secret(SecretKind kind) => Secrets.TryGetValue(kind, out var secret) ? secret : null;

    /// <summary>A copy with <paramref name="kind"/> set to <paramref name="secret"/> (or removed when null).</summary>
    public ChannelConnection WithSecret(SecretKind kind, ChannelSecret? secret)
    {
        var secrets = new Dictionary<SecretKind, ChannelSecret>(Secrets);
        if (secret is null)
        {
            secrets.Remove(kind);
        }
        else
        {
            secrets[kind] = secret;
        }

        return this with { Secrets = secrets };
    }

    /// <summary>Every problem, named by the admin API's field paths; empty when valid.</summary>
    /// <param name="allowLocalSecrets">False where secrets must be Key Vault references (Azure).</param>
    public IReadOnlyList<FieldError> Validate(bool allowLocalSecrets)
    {
        var errors = new List<FieldError>();
        if (Account is null)
        {
            errors.Add(new FieldError("account", "The account (brand, channel, account id) is required."));
            return errors;
        }

        if (!BrandIds.IsValid(Account.BrandId))
        {
            errors.Add(new FieldError("brandId", $"'{Account.BrandId}' is not a brand id: {BrandIds.Rule}."));
        }

        var channelKnown = Enum.IsDefined(Account.Channel);
        if (!channelKnown)
        {
            errors.Add(new FieldError("channel", $"Unknown channel; expected one of {string.Join(", ", Enum.GetValues<SalesChannel>().Select(c => c.Slug()))}."));
        }

        if (string.IsNullOrWhiteSpace(Account.AccountId) || Account.AccountId.Length > MaxAccountIdLength
            || Account.AccountId.Trim() != Account.AccountId || Account.AccountId.Any(char.IsControl))
        {
            errors.Add(new FieldError("accountId", $"An account id of 1-{MaxAccountIdLength} characters without surrounding spaces is required (shop domain, seller id, partner id or shop id)."));
        }

        if (!Enum.IsDefined(Status))
        {
            errors.Add(new FieldError("status", $"Unknown status; expected one of {string.Join(", ", Enum.GetNames<ChannelAccountStatus>())}."));
        }

        if (!channelKnown)
        {
            return errors;
        }

        errors.AddRange(ValidateSecrets(allowLocalSecrets));
        errors.AddRange(ValidateWebhook());
        if (ShopCipher is not null && Account.Channel != SalesChannel.TikTokShop)
        {
            errors.Add(new FieldError("shopCipher", "Only TikTok Shop accounts have a shop cipher."));
        }

        return errors;
    }

    /// <summary>The JSON name of a kind in field paths: <c>secrets.appSecret</c>.</summary>
    public static string SecretPath(SecretKind kind) => "secrets." + char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];

    private IEnumerable<FieldError> ValidateSecrets(bool allowLocalSecrets)
    {
        var allowed = SecretKinds.For(Account.Channel);
        foreach (var (kind, secret) in Secrets ?? new Dictionary<SecretKind, ChannelSecret>())
        {
            var path = SecretPath(kind);
            if (!allowed.Contains(kind))
            {
                yield return new FieldError(path, $"{Account.Channel} accounts have no {kind.Slug()}; they hold {string.Join(", ", allowed.Select(k => k.Slug()))}.");
                continue;
            }

            if (secret?.Current is null)
            {
                yield return new FieldError($"{path}.current", "A current value is required (a Key Vault URI or, locally, a value).");
                continue;
            }

            foreach (var error in secret.Current.Validate($"{path}.current", allowLocalSecrets))
            {
                yield return error;
            }

            foreach (var error in secret.Previous?.Validate($"{path}.previous", allowLocalSecrets) ?? [])
            {
                yield return error;
            }
        }

        // An account that takes webhooks must be able to authenticate them.
        var webhookKind = SecretKinds.WebhookKind(Account.Channel);
        if (Status is ChannelAccountStatus.Connected or ChannelAccountStatus.NeedsReauthorisation && Secret(webhookKind) is null)
        {
            yield return new FieldError(SecretPath(webhookKind), $"Missing: {Account.Channel} webhooks are authenticated with the {webhookKind.Slug()}, so a {Status} account needs one.");
        }
    }

    private IEnumerable<FieldError> ValidateWebhook()
    {
        var webhook = Webhook ?? WebhookSettings.None;
        var channel = Account.Channel;
        if (channel == SalesChannel.TikTokShop && Status != ChannelAccountStatus.Disconnected && string.IsNullOrWhiteSpace(webhook.AppKey))
        {
            yield return new FieldError("webhook.appKey", "TikTok Shop signs the app key together with the body: it is required.");
        }

        if (channel != SalesChannel.TikTokShop && webhook.AppKey is not null)
        {
            yield return new FieldError("webhook.appKey", "Only TikTok Shop accounts have an app key.");
        }

        if (channel is not (SalesChannel.Amazon or SalesChannel.Walmart) && webhook.CredentialHeader is not null)
        {
            yield return new FieldError("webhook.credentialHeader", "Only Amazon and Walmart accounts present a credential header.");
        }
        else if (webhook.CredentialHeader is { } header && (header.Length is 0 or > 100 || !header.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            yield return new FieldError("webhook.credentialHeader", $"'{header}' is not an HTTP header name (1-100 letters, digits, '-', '_' or '.').");
        }

        if (channel != SalesChannel.Walmart)
        {
            if (webhook.AuthMethod is not null)
            {
                yield return new FieldError("webhook.authMethod", "Only Walmart accounts have an auth method.");
            }

            if (webhook.RequireSignature)
            {
                yield return new FieldError("webhook.requireSignature", "Only Walmart deliveries carry WM_SEC.SIGNATURE.");
            }
        }
        else if (webhook.AuthMethod is { } method && !_walmartMethods.Contains(method, StringComparer.OrdinalIgnoreCase))
        {
            yield return new FieldError("webhook.authMethod", $"'{method}' is not a Walmart auth method; expected one of {string.Join(", ", _walmartMethods)}.");
        }
    }

    private static readonly string[] _walmartMethods =
        [WalmartAuthMethods.Header, WalmartAuthMethods.Basic, WalmartAuthMethods.Hmac, WalmartAuthMethods.Signature, WalmartAuthMethods.OAuth];
}
