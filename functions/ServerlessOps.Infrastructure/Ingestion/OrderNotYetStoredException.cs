namespace ServerlessOps.Infrastructure.Ingestion;

/// <summary>
/// A partial fact of an order (a Shopify refund or fulfilment) arrived before the order itself. Not a payload problem:
/// processing fails so the queue delivers it again later, when the order is there.
/// </summary>
public sealed class OrderNotYetStoredException : Exception
{
    public OrderNotYetStoredException(string message)
        : base(message)
    {
    }

    public OrderNotYetStoredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OrderNotYetStoredException()
    {
    }
}
