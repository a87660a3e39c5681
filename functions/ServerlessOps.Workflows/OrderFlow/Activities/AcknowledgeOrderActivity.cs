using Microsoft.DurableTask;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Workflows.OrderFlow.Activities;

/// <summary>The order to acknowledge, and the channel account it came through.</summary>
public sealed record AcknowledgeOrderRequest(string BrandId, SalesChannel Channel, string AccountId, string ExternalOrderId);

/// <summary>
/// Tells the channel the seller will fulfil the order (<see cref="IOrderAcknowledger"/>). The channel keeps an acknowledged
/// order acknowledged, so a retry of the activity is harmless. A lasting refusal (the order already shipped or cancelled
/// there) is answered, not thrown. Throws when the account is not in the registry (or belongs to another brand), or when
/// the channel still fails after the client's own retries: the flow's retry policy tries again, then takes its exception path.
/// </summary>
public sealed class AcknowledgeOrderActivity(IOrderAcknowledger acknowledger, IBrandDirectorySource brands) : TaskActivity<AcknowledgeOrderRequest, AcknowledgementAnswer>
{
    public override async Task<AcknowledgementAnswer> RunAsync(TaskActivityContext context, AcknowledgeOrderRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!brands.Current.TryResolve(input.Channel, input.AccountId, out var registration)
            || !string.Equals(registration.Account.BrandId, input.BrandId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{input.Channel} account '{input.AccountId}' of brand {input.BrandId} is not in the registry; the order cannot be acknowledged as it.");
        }

        return await acknowledger.AcknowledgeAsync(registration.Account, input.ExternalOrderId, CancellationToken.None);
    }
}
