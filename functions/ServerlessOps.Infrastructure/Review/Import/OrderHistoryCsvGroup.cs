using System.Globalization;
using ServerlessOps.Domain.Catalog.Import;
using ServerlessOps.Domain.Review.Import;
using ServerlessOps.Infrastructure.Catalog.Import;

namespace ServerlessOps.Infrastructure.Review.Import;

/// <summary>
/// The rows of the order being read from a CSV: accepts rows of the same channel and external order id, then turns them
/// into one <see cref="OrderHistoryInput"/>: the first row's order columns (every other row must repeat them exactly),
/// each row a line, <c>orderFees</c> and <c>lineFees</c> pairs as fees, and the lines' refund columns grouped by
/// <c>refundId</c> into refunds whose amount and tax are the sums of their lines', plus the refund's shipping (and its
/// tax), less what it kept back (<see cref="OrderHistoryCsvColumns.RefundShared"/>).
/// </summary>
internal sealed class OrderHistoryCsvGroup(IReadOnlyDictionary<string, int> columns)
{
    private readonly List<ImportRow> _rows = [];

    public int LastLine { get; private set; } = 1;

    public bool Accepts(ImportRow row) =>
        _rows.Count == 0 || (_rows[0]["channel"] == row["channel"] && _rows[0]["externalOrderId"] == row["externalOrderId"]);

    public void Add(ImportRow row)
    {
        _rows.Add(row);
        LastLine = row.Line;
    }

    /// <summary>The order read so far, or null when none; the group is empty afterwards.</summary>
    public OrderHistoryItem? Complete()
    {
        if (_rows.Count == 0)
        {
            return null;
        }

        var rows = _rows.ToList();
        _rows.Clear();
        var first = rows[0];
        var errors = new List<ImportError>();
        var name = $"{first["channel"]}:{first["externalOrderId"]}";
        foreach (var row in rows.Skip(1))
        {
            foreach (var column in OrderHistoryCsvColumns.Order)
            {
                if (!string.Equals(row[column], first[column], StringComparison.Ordinal))
                {
                    errors.Add(row.Error(column,
                        $"{column} differs from line {first.Line} of order {name} ({ImportText.Quote(first[column] ?? string.Empty)} there, {ImportText.Quote(row[column] ?? string.Empty)} here); an order's columns repeat exactly on each of its rows."));
                }
            }
        }

        var fees = Fees(first, OrderHistoryCsvColumns.OrderFees, lineId: null, errors);
        foreach (var row in rows)
        {
            fees.AddRange(Fees(row, OrderHistoryCsvColumns.LineFees, row["lineId"], errors));
        }

        var input = new OrderHistoryInput(first, rows, fees, Refunds(rows, errors));
        return new OrderHistoryItem(first.Line, rows.Count, input, errors);
    }

    /// <summary><c>type=amount;type=amount</c> of <paramref name="column"/> as fee rows located at that column.</summary>
    private List<ImportRow> Fees(ImportRow row, string column, string? lineId, List<ImportError> errors)
    {
        var fees = new List<ImportRow>();
        foreach (var pair in (row[column] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add(row.Error(column, $"{column}: expected type=amount pairs separated by ';' (referral=4.50;fba=6.44), found {ImportText.Quote(pair)}."));
                continue;
            }

            var values = new Dictionary<string, string?> { ["type"] = pair[..equals].Trim(), ["amount"] = pair[(equals + 1)..].Trim(), ["lineId"] = lineId };
            fees.Add(new ImportRow(row.Line, values, _ => OrderHistoryCsvReader.Locate(column, columns)));
        }

        return fees;
    }

    private List<OrderHistoryRefundInput> Refunds(List<ImportRow> rows, List<ImportError> errors)
    {
        var byId = new List<(string Id, List<ImportRow> Rows)>();
        foreach (var row in rows)
        {
            var id = row["refundId"];
            if (id is null)
            {
                if (OrderHistoryCsvColumns.RefundLine.Values.Concat(OrderHistoryCsvColumns.Refund.Values).Where(c => c != "lineId").FirstOrDefault(c => row[c] is not null) is { } set)
                {
                    errors.Add(row.Error("refundId", $"refundId is required when the line's refund columns are set ({set} is)."));
                }

                continue;
            }

            var group = byId.FirstOrDefault(g => g.Id == id);
            if (group.Rows is null)
            {
                byId.Add((id, [row]));
                continue;
            }

            group.Rows.Add(row);
            foreach (var column in OrderHistoryCsvColumns.RefundShared)
            {
                if (!string.Equals(row[column], group.Rows[0][column], StringComparison.Ordinal))
                {
                    errors.Add(row.Error(column, $"{column} differs from line {group.Rows[0].Line} of refund '{id}'; the lines of one refund share its time, reason, shipping and money kept back."));
                }
            }
        }

        return [.. byId.Select(g => Refund(g.Rows))];
    }

    private OrderHistoryRefundInput Refund(List<ImportRow> rows)
    {
        var first = rows[0];
        // What went back: the lines, plus the shipping (tax included), less what was kept back from the lines.
        var amount = rows.Sum(r => Number(r["refundAmount"]) + Number(r["refundTax"])) + Number(first["refundShipping"]) - Number(first["refundKeptBack"]);
        var tax = rows.Sum(r => Number(r["refundTax"])) + Number(first["refundShippingTax"]);
        var refund = new ImportRow(first.Line, new Dictionary<string, string?>
        {
            ["id"] = first["refundId"],
            ["time"] = first["refundTime"],
            ["reason"] = first["refundReason"],
            ["amount"] = amount.ToString(CultureInfo.InvariantCulture),
            ["tax"] = tax.ToString(CultureInfo.InvariantCulture),
            ["shipping"] = first["refundShipping"],
            ["shippingTax"] = first["refundShippingTax"],
            ["keptBack"] = first["refundKeptBack"],
        }, field => OrderHistoryCsvReader.Locate(OrderHistoryCsvColumns.Refund.GetValueOrDefault(field, field), columns));
        var lines = rows.Select(r => new ImportRow(r.Line,
            OrderHistoryCsvColumns.RefundLine.ToDictionary(m => m.Key, m => r[m.Value]),
            field => OrderHistoryCsvReader.Locate(OrderHistoryCsvColumns.RefundLine.GetValueOrDefault(field, field), columns))).ToList();
        return new OrderHistoryRefundInput(refund, lines);
    }

    /// <summary>A refund column's number, or 0 when it is not one (its own row reports that).</summary>
    private static decimal Number(string? text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : 0m;
}
