namespace ServerlessOps.Domain.Brands;

/// <summary>
/// ISO 4217 active currency codes (list one of the standard, 2025 edition), without the fund, precious-metal and
/// testing codes (XAU, XTS, XXX...), which no brand keeps its books in. Held here rather than taken from the
/// runtime's culture data because a globalization-invariant runtime has none.
/// </summary>
public static class CurrencyCodes
{
    private static readonly HashSet<string> _active = new(StringComparer.Ordinal)
    {
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
        "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
        "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
        "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
        "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
        "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
        "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
        "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
        "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VED",
        "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
    };

    // The standard's minor unit column: these active codes have none (amounts are whole units), the next three decimals,
    // every other active code two.
    private static readonly HashSet<string> _noMinorUnit = new(StringComparer.Ordinal)
    {
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> _threeDecimals = new(StringComparer.Ordinal) { "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND" };

    /// <summary>Whether <paramref name="code"/> is an active ISO 4217 code, upper case as the standard writes it.</summary>
    public static bool IsActive(string? code) => code is { Length: 3 } && _active.Contains(code);

    /// <summary>
    /// Decimal places of the currency's minor unit (ISO 4217): 0 for JPY or KRW, 3 for KWD, 2 for USD and every other
    /// active code. An amount with more decimals is no amount of that currency.
    /// </summary>
    public static int MinorUnits(string code) =>
        _noMinorUnit.Contains(code) ? 0 : _threeDecimals.Contains(code) ? 3 : 2;
}
