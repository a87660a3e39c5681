using System.Diagnostics.CodeAnalysis;

namespace ServerlessOps.Domain.Brands;

/// <summary>
/// Checks a brand's time zone: an IANA id (<c>America/New_York</c>) the runtime's time zone database knows. Windows
/// ids (<c>Eastern Standard Time</c>) are refused even where the runtime could convert them, so every stored brand
/// names its zone the same way on every host.
/// </summary>
public static class TimeZoneIds
{
    public static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id) || id.Trim() != id)
        {
            return false;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) && found.HasIanaId)
        {
            zone = found;
            return true;
        }

        return false;
    }

    public static bool IsValid(string? id) => TryFind(id, out _);
}
