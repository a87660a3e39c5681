using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ServerlessOps.Infrastructure.Tokens;

/// <summary>Validates <see cref="ChannelAppOptions"/> and its nested channels (data annotations do not recurse).</summary>
internal sealed class ChannelAppOptionsValidator : IValidateOptions<ChannelAppOptions>
{
    public ValidateOptionsResult Validate(string? name, ChannelAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"{ChannelAppOptions.SectionName}:{string.Join(',', r.MemberNames)}: {r.ErrorMessage}"));
        }

        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            Url(failures, "PublicBaseUrl", options.PublicBaseUrl);
        }

        var shopify = options.Shopify ?? new ShopifyAppOptions();
        if (!shopify.ShopBaseUrl.Contains("{shop}", StringComparison.Ordinal))
        {
            failures.Add($"{ChannelAppOptions.SectionName}:Shopify:ShopBaseUrl must contain {{shop}} (the shop's domain); got '{shopify.ShopBaseUrl}'.");
        }
        else
        {
            Url(failures, "Shopify:ShopBaseUrl", shopify.ShopBaseUrl.Replace("{shop}", "example.myshopify.com", StringComparison.Ordinal));
        }

        Range(failures, "Shopify:TimestampWindow", shopify.TimestampWindow, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));
        Url(failures, "Amazon:ConsentUrl", options.Amazon?.ConsentUrl);
        Url(failures, "Amazon:TokenUrl", options.Amazon?.TokenUrl);
        Url(failures, "TikTokShop:AuthorizeUrl", options.TikTokShop?.AuthorizeUrl);
        Url(failures, "TikTokShop:AuthBaseUrl", options.TikTokShop?.AuthBaseUrl);
        Range(failures, "Walmart:BearerTokenLifetime", (options.Walmart ?? new WalmartAppOptions()).BearerTokenLifetime, TimeSpan.FromMinutes(5), TimeSpan.FromHours(24));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Url(List<string> failures, string key, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{ChannelAppOptions.SectionName}:{key} must be an absolute http or https URL; got '{value}'.");
        }
    }

    private static void Range(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{ChannelAppOptions.SectionName}:{key} must be between {min} and {max}; got {value}.");
        }
    }
}
