using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Infrastructure.Channels;

/// <summary>Validates every channel's endpoint options and the circuit breaker's (data annotations do not recurse into nested objects).</summary>
internal sealed class ChannelApiOptionsValidator : IValidateOptions<ChannelApiOptions>
{
    private static readonly SalesChannel[] _outboundChannels = [SalesChannel.Amazon, SalesChannel.Walmart, SalesChannel.TikTokShop];

    public ValidateOptionsResult Validate(string? name, ChannelApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var channel in _outboundChannels)
        {
            var endpoint = options.For(channel);
            var prefix = $"{ChannelApiOptions.SectionName}:{channel}";
            if (endpoint is null)
            {
                failures.Add($"{prefix} is missing.");
                continue;
            }

            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(endpoint, new ValidationContext(endpoint), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"{prefix}:{string.Join(',', r.MemberNames)}: {r.ErrorMessage}"));
            }

            if (!string.IsNullOrWhiteSpace(endpoint.BaseUrl)
                && (!Uri.TryCreate(endpoint.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
            {
                failures.Add($"{prefix}:BaseUrl must be an absolute http or https URL; got '{endpoint.BaseUrl}'.");
            }
        }

        var breaker = options.CircuitBreaker;
        var breakerResults = new List<ValidationResult>();
        if (breaker is null)
        {
            failures.Add($"{ChannelApiOptions.SectionName}:CircuitBreaker is missing.");
        }
        else if (!Validator.TryValidateObject(breaker, new ValidationContext(breaker), breakerResults, validateAllProperties: true))
        {
            failures.AddRange(breakerResults.Select(r => $"{ChannelApiOptions.SectionName}:CircuitBreaker:{string.Join(',', r.MemberNames)}: {r.ErrorMessage}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
