namespace ServerlessOps.Domain.Orders;

/// <summary>What one refund gave back for one order line.</summary>
/// <param name="LineId">The <see cref="OrderLine.LineId"/> refunded.</param>
/// <param name="Quantity">Units refunded; 0 when the channel refunds money for the line without naming units (Walmart).</param>
/// <param name="Amount">Money refunded for the line, tax excluded.</param>
/// <param name="Tax">Tax refunded for the line.</param>
/// <param name="Returned">Whether the units came back (Shopify restock type <c>return</c>, TikTok <c>RETURN_AND_REFUND</c>).</param>
/// <param name="Cancelled">Whether the units were cancelled before they shipped and refunded for it (Shopify restock type <c>cancel</c>).</param>
public sealed record RefundLine(string LineId, int Quantity, decimal Amount, decimal Tax, bool Returned = false, bool Cancelled = false);
