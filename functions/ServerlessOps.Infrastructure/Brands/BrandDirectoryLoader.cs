using Microsoft.Extensions.Configuration;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Brands;

/// <summary>
/// Builds the <see cref="BrandDirectory"/> from the <c>Brands</c> configuration section, failing at start
/// with a message naming the exact key when an account is incomplete, rather than rejecting webhooks later.
/// </summary>
public static class BrandDirectoryLoader
{
    public const string SectionName = "Brands";

    public static BrandDirectory Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var registrations = new List<ChannelAccountRegistration>();
        foreach (var brandSection in configuration.GetSection(SectionName).GetChildren())
        {
            var brand = brandSection.Get<BrandOptions>() ?? new BrandOptions();
            for (var index = 0; index < brand.Accounts.Count; index++)
            {
                registrations.Add(ToRegistration(brandSection.Key, index, brand.Accounts[index]));
            }
        }

        return new BrandDirectory(registrations);
    }

    /// <summary>Brand display names and owners, for reports and alerts.</summary>
    public static IReadOnlyDictionary<string, BrandOptions> LoadBrands(IConfiguration configuration) =>
        configuration.GetSection(SectionName).GetChildren()
            .ToDictionary(s => s.Key, s => s.Get<BrandOptions>() ?? new BrandOptions(), StringComparer.OrdinalIgnoreCase);

    private static ChannelAccountRegistration ToRegistration(string brandId, int index, ChannelAccountOptions account)
    {
        var key = $"{SectionName}:{brandId}:Accounts:{index}";
        if (!Enum.TryParse<SalesChannel>(account.Channel, ignoreCase: true, out var channel))
        {
            throw new InvalidOperationException(
                $"{key}:Channel is '{account.Channel}'; expected one of {string.Join(", ", Enum.GetNames<SalesChannel>())}.");
        }

        if (string.IsNullOrWhiteSpace(account.AccountId))
        {
            throw new InvalidOperationException($"{key}:AccountId is missing.");
        }

        if (string.IsNullOrWhiteSpace(account.Secret))
        {
            throw new InvalidOperationException($"{key}:Secret is missing: webhooks from {channel} account {account.AccountId} could not be authenticated.");
        }

        if (channel == SalesChannel.TikTokShop && string.IsNullOrWhiteSpace(account.AppKey))
        {
            throw new InvalidOperationException($"{key}:AppKey is missing: TikTok Shop signs the app key together with the body.");
        }

        var secrets = string.IsNullOrWhiteSpace(account.PreviousSecret)
            ? new[] { account.Secret }
            : new[] { account.Secret, account.PreviousSecret };
        return new ChannelAccountRegistration(
            new ChannelAccount(brandId, channel, account.AccountId.Trim()),
            new ChannelCredentials(secrets, account.AppKey, account.CredentialHeader, account.AuthMethod));
    }
}
