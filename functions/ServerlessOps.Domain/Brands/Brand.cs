namespace ServerlessOps.Domain.Brands;

/// <summary>
/// A brand the deployment serves, as the registry holds it. Every record ServerlessOps stores carries its id.
/// </summary>
/// <param name="Id">Stable id (<see cref="BrandIds.Rule"/>); part of routes, partition keys and secret names.</param>
/// <param name="DisplayName">Name shown in reports, 1-100 characters.</param>
/// <param name="BaseCurrency">ISO 4217 code the brand keeps its books in (<c>USD</c>); policy money is in it.</param>
/// <param name="TimeZone">IANA time zone id (<c>America/New_York</c>): the brand's days, months and cut-offs.</param>
/// <param name="GoLive">From this instant orders are live; those placed before it are history (<see cref="IsHistory"/>).</param>
/// <param name="Owners">Who is told about what.</param>
/// <param name="Policy">How the brand wants its operations run.</param>
public sealed record Brand(
    string Id,
    string DisplayName,
    string BaseCurrency,
    string TimeZone,
    DateTimeOffset GoLive,
    BrandOwners Owners,
    BrandPolicy Policy)
{
    public const int MaxDisplayNameLength = 100;

    /// <summary>
    /// Whether an order placed at <paramref name="placedAt"/> is history: it converges into the truth like any
    /// other order, but never starts a flow or moves stock.
    /// </summary>
    public bool IsHistory(DateTimeOffset placedAt) => placedAt < GoLive;

    /// <summary>Every problem with this brand, named by the admin API's field paths; empty when valid.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (!BrandIds.IsValid(Id))
        {
            errors.Add(new FieldError("id", $"'{Id}' is not a brand id: {BrandIds.Rule}."));
        }

        if (string.IsNullOrWhiteSpace(DisplayName) || DisplayName.Length > MaxDisplayNameLength)
        {
            errors.Add(new FieldError("displayName", $"A display name of 1-{MaxDisplayNameLength} characters is required."));
        }

        if (!CurrencyCodes.IsActive(BaseCurrency))
        {
            errors.Add(new FieldError("baseCurrency", $"'{BaseCurrency}' is not an active ISO 4217 currency code (three upper-case letters, e.g. USD, EUR, GBP)."));
        }

        if (!TimeZoneIds.IsValid(TimeZone))
        {
            errors.Add(new FieldError("timeZone", $"'{TimeZone}' is not an IANA time zone id (e.g. America/New_York, Europe/London, UTC)."));
        }

        if (Owners is null)
        {
            errors.Add(new FieldError("owners", "Owners are required, at least owners.default."));
        }
        else
        {
            errors.AddRange(Owners.Validate());
        }

        if (Policy is null)
        {
            errors.Add(new FieldError("policy", "A policy is required (send {} for the defaults)."));
        }
        else
        {
            errors.AddRange(Policy.Validate());
        }

        return errors;
    }
}
