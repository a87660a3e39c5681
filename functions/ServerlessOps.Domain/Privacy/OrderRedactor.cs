using ServerlessOps.Domain.Orders;

namespace ServerlessOps.Domain.Privacy;

/// <summary>
/// Erases the personal data a canonical order holds. By design it holds little (<see cref="ShippingInfo"/> keeps only
/// the coarse destination, no names or street lines): the city, region and postal code go, the country code stays (a
/// country is not a person), and money, lines, refunds, shipments and status are untouched. Idempotent.
/// </summary>
public static class OrderRedactor
{
    /// <summary>The order without personal data, and how many fields were erased (0 when it had none).</summary>
    public static (Order Order, int FieldsErased) Redact(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Shipping is not { } shipping)
        {
            return (order, 0);
        }

        var erased = new[] { shipping.City, shipping.Region, shipping.PostalCode }.Count(v => v is not null);
        return erased == 0
            ? (order, 0)
            : (order with { Shipping = shipping with { City = null, Region = null, PostalCode = null } }, erased);
    }

    /// <summary>The personal values an order holds, for a data request's export (null when none).</summary>
    public static IReadOnlyDictionary<string, string>? PersonalValues(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (order.Shipping is { } shipping)
        {
            Add(values, "city", shipping.City);
            Add(values, "region", shipping.Region);
            Add(values, "postalCode", shipping.PostalCode);
            Add(values, "countryCode", shipping.CountryCode);
        }

        return values.Count == 0 ? null : values;
    }

    private static void Add(Dictionary<string, string> values, string name, string? value)
    {
        if (value is not null)
        {
            values[name] = value;
        }
    }
}
