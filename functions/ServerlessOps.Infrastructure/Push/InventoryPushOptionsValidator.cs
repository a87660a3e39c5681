using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Infrastructure.Channels;

namespace ServerlessOps.Infrastructure.Push;

/// <summary>
/// What data annotations cannot say about <see cref="InventoryPushOptions"/>: <see cref="InventoryPushOptions.ClaimTimeout"/>
/// must exceed the longest channel call a push makes (each channel's <c>TotalTimeoutSeconds</c>, Shopify's in this
/// section, the others' in <c>Channels</c>), or a push still waiting on its channel is taken over by another worker and
/// two quantities race to the channel. The finish is fenced on the claim anyway (a push outlived by a pause of its process
/// is still possible); this keeps a slow channel alone from causing it.
/// </summary>
internal sealed class InventoryPushOptionsValidator(IConfiguration configuration) : IValidateOptions<InventoryPushOptions>
{
    private static readonly SalesChannel[] _channelsSection = [SalesChannel.Amazon, SalesChannel.Walmart, SalesChannel.TikTokShop];

    public ValidateOptionsResult Validate(string? name, InventoryPushOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var channels = configuration.GetSection(ChannelApiOptions.SectionName).Get<ChannelApiOptions>() ?? new ChannelApiOptions();
        var budgets = _channelsSection.Select(c => (Key: $"{ChannelApiOptions.SectionName}:{c}:TotalTimeoutSeconds", Seconds: channels.For(c).TotalTimeoutSeconds))
            .Append((Key: $"{InventoryPushOptions.SectionName}:Shopify:TotalTimeoutSeconds", Seconds: options.Shopify.TotalTimeoutSeconds));
        var failures = budgets
            .Where(b => options.ClaimTimeout <= TimeSpan.FromSeconds(b.Seconds))
            .Select(b => $"{InventoryPushOptions.SectionName}:ClaimTimeout ({options.ClaimTimeout}) must exceed {b.Key} ({b.Seconds} s), or a push still waiting on its channel is taken over and two quantities race to it.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
