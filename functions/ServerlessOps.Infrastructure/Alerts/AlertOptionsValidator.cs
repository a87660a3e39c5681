using Microsoft.Extensions.Options;

namespace ServerlessOps.Infrastructure.Alerts;

/// <summary>What data annotations cannot say about <see cref="AlertOptions"/>: the URL's shape and the timeouts' order. Never echoes the URL (it holds a secret).</summary>
internal sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Notifies
            && (!Uri.TryCreate(options.WebhookUrl.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"{AlertOptions.SectionName}:WebhookUrl must be an absolute http(s) URL, or empty to record alerts without notifying (the value is not shown: it holds a secret).");
        }

        if (options.TotalTimeoutSeconds < options.TimeoutSeconds)
        {
            failures.Add($"{AlertOptions.SectionName}:TotalTimeoutSeconds ({options.TotalTimeoutSeconds}) must be at least TimeoutSeconds ({options.TimeoutSeconds}).");
        }

        if (options.ClaimTimeout < TimeSpan.FromSeconds(options.TotalTimeoutSeconds))
        {
            failures.Add($"{AlertOptions.SectionName}:ClaimTimeout ({options.ClaimTimeout}) must be at least TotalTimeoutSeconds ({options.TotalTimeoutSeconds} s), or a second sender could post while the first still tries.");
        }

        if (options.MaxRefusedBackOff < options.RetryAfter)
        {
            failures.Add($"{AlertOptions.SectionName}:MaxRefusedBackOff ({options.MaxRefusedBackOff}) must be at least RetryAfter ({options.RetryAfter}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
