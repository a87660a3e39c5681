using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Domain.Review.Import;

/// <summary>
/// One order of an order history file as text, whatever the format: the order's own values, its lines, its fees and its
/// refunds, each an <see cref="ImportRow"/> that names its place in the file (JSON Lines <c>$.lines[1].unitPrice</c>,
/// CSV <c>unitPrice (column 17)</c> on the line's row), so <see cref="OrderHistoryParser"/> checks both formats alike.
/// </summary>
/// <param name="Order">The order's members (a CSV order's first row).</param>
public sealed record OrderHistoryInput(ImportRow Order, IReadOnlyList<ImportRow> Lines, IReadOnlyList<ImportRow> Fees, IReadOnlyList<OrderHistoryRefundInput> Refunds);

/// <summary>One refund of an <see cref="OrderHistoryInput"/> and its lines.</summary>
public sealed record OrderHistoryRefundInput(ImportRow Refund, IReadOnlyList<ImportRow> Lines);
