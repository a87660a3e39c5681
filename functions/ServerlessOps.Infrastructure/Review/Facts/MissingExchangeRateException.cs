namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// An amount in <see cref="Currency"/> on <see cref="Day"/> cannot be put in the brand's base currency: no rate was
/// imported for that day or any day before it in the window. The review stops rather than guess; importing the rate
/// and running the review again fixes it.
/// </summary>
public sealed class MissingExchangeRateException(string brandId, string currency, string baseCurrency, DateOnly day)
    : InvalidOperationException(
        $"Brand '{brandId}': no exchange rate from {currency} to {baseCurrency} on {day:yyyy-MM-dd} (nor on an earlier day of the review window). Import the rates (exchange-rate import) and run the review again.")
{
    public string BrandId { get; } = brandId;

    public string Currency { get; } = currency;

    public DateOnly Day { get; } = day;
}
