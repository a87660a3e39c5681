using System.Globalization;
using System.Text.Json;

namespace ServerlessOps.Domain.Channels.Json;

/// <summary>Typed readers: each accepts the forms the channels actually send and fails naming the path.</summary>
public readonly partial struct JsonCursor
{
    /// <summary>The largest magnitude <see cref="GetDecimal"/> accepts: 10^15.</summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    public string GetString()
    {
        if (Element.ValueKind != JsonValueKind.String)
        {
            throw Fail("expected a string");
        }

        return Element.GetString()!;
    }

    /// <summary>A non-empty string.</summary>
    public string GetNonEmptyString()
    {
        var value = GetString();
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Fail("expected a non-empty string");
        }

        return value;
    }

    /// <summary>An identifier: a non-empty string or an integer number (Shopify ids are JSON integers), as text.</summary>
    public string GetId()
    {
        switch (Element.ValueKind)
        {
            case JsonValueKind.String when !string.IsNullOrWhiteSpace(Element.GetString()):
                return Element.GetString()!;
            case JsonValueKind.Number when Element.TryGetInt64(out var number):
                return number.ToString(CultureInfo.InvariantCulture);
            case JsonValueKind.Number when Element.TryGetDecimal(out var big) && decimal.Truncate(big) == big:
                return big.ToString(CultureInfo.InvariantCulture);
            default:
                throw Fail("expected an id (non-empty string or integer)");
        }
    }

    /// <summary>
    /// A decimal amount: a JSON number or a decimal string ("24.00"), exact (never via floating point), within
    /// ±<see cref="MaxAmount"/>.
    /// </summary>
    public decimal GetDecimal()
    {
        if (Element.ValueKind == JsonValueKind.Number && Element.TryGetDecimal(out var number))
        {
            return InRange(number);
        }

        if (Element.ValueKind == JsonValueKind.String && JsonValueParsing.TryParseDecimal(Element.GetString(), out var parsed))
        {
            return InRange(parsed);
        }

        throw Fail("expected a decimal (number or decimal string)");
    }

    /// <summary>
    /// A price or total: a <see cref="GetDecimal"/> that is zero or more. Channels report discounts and refunds as their own
    /// amounts, so a negative price is a broken payload, and kept it would turn every margin and total built on it upside down.
    /// </summary>
    public decimal GetAmount()
    {
        var value = GetDecimal();
        return value >= 0 ? value : throw Fail("expected an amount of zero or more");
    }

    /// <summary>A decimal carried as a string ("2"), as Walmart and Shopify send quantities and money.</summary>
    public decimal GetDecimalString()
    {
        if (Element.ValueKind == JsonValueKind.String && JsonValueParsing.TryParseDecimal(Element.GetString(), out var parsed))
        {
            return InRange(parsed);
        }

        throw Fail("expected a decimal string");
    }

    /// <summary>A whole number, as a JSON integer or an integer string ("2").</summary>
    public long GetInt64()
    {
        if (Element.ValueKind == JsonValueKind.Number && Element.TryGetInt64(out var number))
        {
            return number;
        }

        if (Element.ValueKind == JsonValueKind.String
            && long.TryParse(Element.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw Fail("expected an integer");
    }

    /// <summary>A whole number within <see cref="int"/>, as a JSON integer or an integer string.</summary>
    public int GetInt32()
    {
        var value = GetInt64();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw Fail("expected an integer within 32 bits");
        }

        return (int)value;
    }

    /// <summary>A non-negative whole number (quantities).</summary>
    public int GetCount()
    {
        var value = GetInt32();
        if (value < 0)
        {
            throw Fail("expected a non-negative integer");
        }

        return value;
    }

    /// <summary>A boolean, as JSON true/false or the strings "true"/"false" (Amazon's IsGift).</summary>
    public bool GetBoolean()
    {
        switch (Element.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String when bool.TryParse(Element.GetString(), out var parsed):
                return parsed;
            default:
                throw Fail("expected a boolean");
        }
    }

    /// <summary>An ISO 8601 time string; the offset is kept, and a time without an offset is read as UTC.</summary>
    public DateTimeOffset GetIsoTime()
    {
        if (Element.ValueKind == JsonValueKind.String && JsonValueParsing.TryParseIsoTime(Element.GetString(), out var parsed))
        {
            return parsed;
        }

        throw Fail("expected an ISO 8601 time");
    }

    /// <summary>Unix time in seconds, as a JSON integer or an integer string.</summary>
    public DateTimeOffset GetEpochSeconds()
    {
        if (TryGetWhole(out var seconds) && JsonValueParsing.TryFromEpochSeconds(seconds, out var parsed))
        {
            return parsed;
        }

        throw Fail("expected Unix time in seconds");
    }

    /// <summary>Unix time in milliseconds, as a JSON integer or an integer string.</summary>
    public DateTimeOffset GetEpochMilliseconds()
    {
        if (TryGetWhole(out var milliseconds) && JsonValueParsing.TryFromEpochMilliseconds(milliseconds, out var parsed))
        {
            return parsed;
        }

        throw Fail("expected Unix time in milliseconds");
    }

    /// <summary>Unix time in milliseconds (number or integer string) or an ISO 8601 string: Walmart uses both.</summary>
    public DateTimeOffset GetEpochMillisecondsOrIsoTime()
    {
        if (TryGetWhole(out var milliseconds) && JsonValueParsing.TryFromEpochMilliseconds(milliseconds, out var fromEpoch))
        {
            return fromEpoch;
        }

        if (Element.ValueKind == JsonValueKind.String && JsonValueParsing.TryParseIsoTime(Element.GetString(), out var fromIso))
        {
            return fromIso;
        }

        throw Fail("expected Unix time in milliseconds or an ISO 8601 time");
    }

    /// <summary>A string that must be one of <paramref name="allowed"/> (case-insensitive); the message lists them.</summary>
    public string GetOneOf(IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var value = Element.ValueKind == JsonValueKind.String ? Element.GetString()! : null;
        if (value is not null && allowed.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            return value;
        }

        throw Fail($"expected one of {string.Join(", ", allowed)}");
    }

    // No order amount comes near 10^15; the bound keeps every sum and quantity × price far from decimal overflow,
    // so an absurd authenticated value is a payload error rather than an OverflowException.
    private decimal InRange(decimal value) =>
        Math.Abs(value) <= MaxAmount ? value : throw Fail("expected a decimal within ±10^15");

    private bool TryGetWhole(out long value)
    {
        if (Element.ValueKind == JsonValueKind.Number && Element.TryGetInt64(out value))
        {
            return true;
        }

        if (Element.ValueKind == JsonValueKind.String
            && long.TryParse(Element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        value = 0;
        return false;
    }
}
