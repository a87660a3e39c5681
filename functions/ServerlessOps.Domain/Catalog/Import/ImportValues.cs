using System.Globalization;
using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Domain.Catalog.Import;

/// <summary>
/// Reads one typed value out of an <see cref="ImportRow"/>, adding an error that names the field and quotes at most a
/// short part of what was found. Numbers are invariant (<c>12.50</c>, no thousands separators); instants are ISO 8601
/// with an offset (<c>2026-07-01T00:00:00Z</c>) or a date (<c>2026-07-01</c>, midnight UTC).
/// </summary>
internal sealed class ImportValues(ImportRow row, List<ImportError> errors)
{
    public ImportRow Row => row;

    public string? Text(string field, int maxLength, bool required = false)
    {
        var value = row[field];
        if (value is null)
        {
            if (required)
            {
                errors.Add(row.Error(field, $"{field} is required."));
            }

            return null;
        }

        if (CatalogText.Check(value, maxLength) is { } problem)
        {
            errors.Add(row.Error(field, $"{field}: {problem}."));
        }

        return value;
    }

    public decimal? Decimal(string field, bool required = false, decimal min = 0m, decimal? max = null, int maxScale = CatalogItem.MaxMoneyScale)
    {
        var text = row[field];
        if (text is null)
        {
            if (required)
            {
                errors.Add(row.Error(field, $"{field} is required (a number such as 12.50)."));
            }

            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(row.Error(field, $"{field}: expected a number such as 12.50 (a dot for decimals, no thousands separator), found {Quote(text)}."));
            return null;
        }

        if (value < min || (max is { } upper && value > upper))
        {
            errors.Add(row.Error(field, $"{field}: must be {(max is null ? $"at least {min}" : $"between {min} and {max}")}, found {text}."));
            return null;
        }

        if (value != decimal.Round(value, maxScale))
        {
            errors.Add(row.Error(field, $"{field}: at most {maxScale} decimal places are allowed, found {text}."));
            return null;
        }

        return value;
    }

    public int? Integer(string field, bool required = false, int min = 0)
    {
        var text = row[field];
        if (text is null)
        {
            if (required)
            {
                errors.Add(row.Error(field, $"{field} is required (a whole number)."));
            }

            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            errors.Add(row.Error(field, $"{field}: expected a whole number of at least {min}, found {Quote(text)}."));
            return null;
        }

        return value;
    }

    public bool? Boolean(string field)
    {
        var text = row[field];
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add(row.Error(field, $"{field}: expected true or false, found {Quote(text)}."));
        return null;
    }

    public DateTimeOffset? Instant(string field, bool required = false)
    {
        var text = row[field];
        if (text is null)
        {
            if (required)
            {
                errors.Add(row.Error(field, $"{field} is required (ISO 8601, e.g. 2026-07-01 or 2026-07-01T00:00:00Z)."));
            }

            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        // An instant must say its offset: a bare local time would mean a different moment to every reader.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        errors.Add(row.Error(field, $"{field}: expected a date (2026-07-01, midnight UTC) or an ISO 8601 instant with its offset (2026-07-01T09:30:00Z), found {Quote(text)}."));
        return null;
    }

    /// <summary>A calendar day, <c>yyyy-MM-dd</c>.</summary>
    public DateOnly? Day(string field, bool required = false)
    {
        var text = row[field];
        if (text is null)
        {
            if (required)
            {
                errors.Add(row.Error(field, $"{field} is required (a day such as 2026-07-01)."));
            }

            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(row.Error(field, $"{field}: expected a day such as 2026-07-01, found {Quote(text)}."));
        return null;
    }

    /// <summary>A calendar month, <c>yyyy-MM</c>: its first day.</summary>
    public DateOnly? Month(string field, bool required = false)
    {
        var text = row[field];
        if (text is null)
        {
            if (required)
            {
                errors.Add(row.Error(field, $"{field} is required (a month such as 2026-07)."));
            }

            return null;
        }

        if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first) && text.Length == 7)
        {
            return first;
        }

        errors.Add(row.Error(field, $"{field}: expected a month such as 2026-07, found {Quote(text)}."));
        return null;
    }

    public string? Currency(string field)
    {
        var text = row[field];
        if (text is null)
        {
            errors.Add(row.Error(field, $"{field} is required (an ISO 4217 code such as USD)."));
            return null;
        }

        if (!CurrencyCodes.IsActive(text))
        {
            errors.Add(row.Error(field, $"{field}: {Quote(text)} is not an active ISO 4217 currency code (three upper-case letters, e.g. USD, EUR)."));
            return null;
        }

        return text;
    }

    public TEnum? Choice<TEnum>(string field, TEnum fallback, params (string Text, TEnum Value)[] choices)
        where TEnum : struct, Enum
    {
        var text = row[field];
        if (text is null)
        {
            return fallback;
        }

        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        errors.Add(row.Error(field, $"{field}: expected one of {string.Join(", ", choices.Select(c => c.Text))}, found {Quote(text)}."));
        return null;
    }

    /// <summary>Adds an error about <paramref name="field"/> of this row.</summary>
    public void Add(string field, string message) => errors.Add(row.Error(field, message));

    /// <summary>An end after the start, else an error on <paramref name="toField"/>.</summary>
    public void CheckPeriod(DateTimeOffset? from, DateTimeOffset? to, string toField)
    {
        if (from is { } start && to is { } end && end <= start)
        {
            errors.Add(row.Error(toField, $"{toField} must be after effectiveFrom ({start:O}), found {end:O}."));
        }
    }

    /// <summary>At most 40 characters of what was found, quoted, so an error never echoes a whole line.</summary>
    public static string Quote(string text) => text.Length <= 40 ? $"'{text}'" : $"'{text[..40]}…'";
}
