using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Brands;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>
/// Moves brands and accounts from <c>Brands__*</c> settings into the registry: at every start, each brand and account
/// of the settings that the registry does not hold is created (audit actor <see cref="RegistryAuditEntry.SettingsSeedActor"/>);
/// one it holds is left alone, whatever the settings now say. So after the first start the registry is the truth,
/// and the settings matter only for entries it has never seen. Where local secrets are refused (Azure), a seeded
/// secret is a reference to the Key Vault secret infra/azure/settings.bicep names for that setting, never a copy of
/// the value App Service resolved into it.
/// </summary>
public sealed class SettingsRegistrySeed(
    IConfiguration configuration,
    IBrandRegistry registry,
    IOptions<RegistryOptions> options,
    ILogger<SettingsRegistrySeed> logger)
{
    /// <summary>Default owner of a seeded brand whose settings name none: <see cref="BrandOwners.Unassigned"/>, which alerts read as nobody.</summary>
    public const string UnassignedOwner = BrandOwners.Unassigned;

    private const string UnresolvedReferencePrefix = "@Microsoft.KeyVault(";

    private static readonly RegistryChange Seeded = new(RegistryAuditEntry.SettingsSeedActor, RegistryChange.Created);

    /// <summary>Throws naming the exact key when an account in the settings is incomplete, as the app always did at start.</summary>
    public void ValidateSettings() => BrandDirectoryLoader.Load(configuration);

    /// <summary>Creates what the registry lacks. Idempotent; safe beside another instance doing the same (creates are conditional).</summary>
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.SeedFromSettings)
        {
            return;
        }

        var existing = 0;
        foreach (var (brandId, settings) in BrandDirectoryLoader.LoadBrands(configuration))
        {
            var brand = new Brand(
                brandId,
                string.IsNullOrWhiteSpace(settings.DisplayName) ? brandId : settings.DisplayName.Trim(),
                settings.BaseCurrency,
                settings.TimeZone,
                settings.GoLive,
                new BrandOwners(string.IsNullOrWhiteSpace(settings.Owner) ? UnassignedOwner : settings.Owner.Trim()),
                BrandPolicy.Default);
            if (!BrandIds.IsValid(brandId))
            {
                logger.BrandSeedSkipped(brandId, $"'{brandId}' is not a brand id: {BrandIds.Rule}.");
                continue;
            }

            if (await TryCreateAsync(() => registry.CreateBrandAsync(brand, Seeded, cancellationToken), e => logger.BrandSeedSkipped(brandId, e)))
            {
                logger.BrandSeeded(brandId);
            }
            else if (await registry.GetBrandAsync(brandId, cancellationToken) is null)
            {
                continue;
            }
            else
            {
                existing++;
            }

            for (var n = 0; n < settings.Accounts.Count; n++)
            {
                ChannelConnection? account;
                string? problem;
                try
                {
                    account = ToConnection(brandId, n, settings.Accounts[n], out problem);
                }
                catch (RegistryValidationException e)
                {
                    (account, problem) = (null, e.Message);
                }

                var accountId = settings.Accounts[n].AccountId?.Trim() ?? string.Empty;
                var channel = settings.Accounts[n].Channel ?? string.Empty;
                if (account is null)
                {
                    logger.AccountSeedSkipped(brandId, channel, accountId, problem!);
                    continue;
                }

                if (await TryCreateAsync(() => registry.CreateAccountAsync(account, Seeded, cancellationToken), e => logger.AccountSeedSkipped(brandId, channel, accountId, e)))
                {
                    logger.AccountSeeded(brandId, channel, accountId);
                }
                else
                {
                    existing++;
                }
            }
        }

        logger.SeedFoundExisting(existing);
    }

    private static async Task<bool> TryCreateAsync<T>(Func<Task<T>> create, Action<string> invalid)
    {
        try
        {
            await create();
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
        catch (RegistryValidationException e)
        {
            invalid(e.Message);
            return false;
        }
    }

    private ChannelConnection? ToConnection(string brandId, int n, ChannelAccountOptions settings, out string? problem)
    {
        problem = null;
        if (!Enum.TryParse<SalesChannel>(settings.Channel, ignoreCase: true, out var channel) || string.IsNullOrWhiteSpace(settings.AccountId))
        {
            problem = "its Channel or AccountId setting is missing or unknown.";
            return null;
        }

        var secrets = new Dictionary<SecretKind, ChannelSecret>();
        var webhookCurrent = Reference(brandId, channel, n, "secret", settings.Secret);
        if (webhookCurrent is null)
        {
            problem = "its Secret setting is empty or an unresolved Key Vault reference; it is seeded at a start where it resolves.";
            return null;
        }

        secrets[SecretKinds.WebhookKind(channel)] = new ChannelSecret(webhookCurrent, Reference(brandId, channel, n, "previous-secret", settings.PreviousSecret));
        var accessToken = configuration[$"{BrandDirectoryLoader.SectionName}:{brandId}:Accounts:{n.ToString(CultureInfo.InvariantCulture)}:AccessToken"];
        if (Reference(brandId, channel, n, "access-token", accessToken) is { } token)
        {
            secrets[SecretKind.AccessToken] = new ChannelSecret(token);
        }

        var shopCipher = configuration[$"{BrandDirectoryLoader.SectionName}:{brandId}:Accounts:{n.ToString(CultureInfo.InvariantCulture)}:ShopCipher"];
        return new ChannelConnection(
            new ChannelAccount(brandId, channel, settings.AccountId.Trim()),
            ChannelAccountStatus.Connected,
            new WebhookSettings(
                channel == SalesChannel.TikTokShop ? NullIfBlank(settings.AppKey) : null,
                channel is SalesChannel.Amazon or SalesChannel.Walmart ? NullIfBlank(settings.CredentialHeader) : null,
                channel == SalesChannel.Walmart ? NullIfBlank(settings.AuthMethod) : null),
            secrets,
            channel == SalesChannel.TikTokShop ? NullIfBlank(shopCipher) : null);
    }

    /// <summary>
    /// The seeded reference for one secret setting: its value where local secrets are allowed; where not, the Key
    /// Vault secret settings.bicep's channelSecretName gives it (brand-{brandId}-{channel}-{n}-{kind}). Null when unset.
    /// </summary>
    private SecretReference? Reference(string brandId, SalesChannel channel, int n, string kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.TrimStart().StartsWith(UnresolvedReferencePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (options.Value.AllowLocalSecrets)
        {
            return SecretReference.Local(value);
        }

        var vault = options.Value.KeyVaultUri
            ?? throw new RegistryValidationException([new FieldError("Registry:KeyVaultUri", "is not set: with local secrets refused, the seed refers to the vault's secrets.")]);
        var name = $"brand-{brandId.ToLowerInvariant()}-{channel.ToString().ToLowerInvariant()}-{n.ToString(CultureInfo.InvariantCulture)}-{kind}";
        return SecretReference.KeyVault(new Uri(vault, "secrets/" + name));
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
