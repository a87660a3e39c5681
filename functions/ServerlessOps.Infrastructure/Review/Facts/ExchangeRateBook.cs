using ServerlessOps.Domain.Review.Data;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// The rates a review converts with: a rate holds from its day until the next one of the same pair
/// (<see cref="IReviewDataStore.GetExchangeRatesAsync"/>), so an amount on a day takes the pair's latest rate on or
/// before it. An inverse pair (base → currency) is used as 1 / rate when the direct one is absent. The base currency
/// converts at 1. A day with no rate at all throws <see cref="MissingExchangeRateException"/>.
/// </summary>
public sealed class ExchangeRateBook
{
    /// <summary>How far before the window rates are read, so the window's first days find the rate that holds then.</summary>
    public static readonly int LookBackDays = 31;

    private readonly string _brandId;
    private readonly Dictionary<string, (DateOnly[] Days, decimal[] Rates)> _byCurrency;

    public ExchangeRateBook(string brandId, string baseCurrency, IEnumerable<ExchangeRate> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        _brandId = brandId;
        BaseCurrency = baseCurrency;
        var toBase = new Dictionary<string, SortedDictionary<DateOnly, decimal>>(StringComparer.OrdinalIgnoreCase);
        foreach (var rate in rates.Where(r => r.Rate > 0m))
        {
            if (string.Equals(rate.To, baseCurrency, StringComparison.OrdinalIgnoreCase))
            {
                Add(toBase, rate.From, rate.Day, rate.Rate, overwrite: true);
            }
            else if (string.Equals(rate.From, baseCurrency, StringComparison.OrdinalIgnoreCase))
            {
                Add(toBase, rate.To, rate.Day, 1m / rate.Rate, overwrite: false);
            }
        }

        _byCurrency = toBase.ToDictionary(kv => kv.Key, kv => (kv.Value.Keys.ToArray(), kv.Value.Values.ToArray()), StringComparer.OrdinalIgnoreCase);
    }

    public string BaseCurrency { get; }

    /// <summary>Base-currency units one unit of <paramref name="currency"/> is worth on <paramref name="day"/>.</summary>
    public decimal RateToBase(string currency, DateOnly day)
    {
        if (string.Equals(currency, BaseCurrency, StringComparison.OrdinalIgnoreCase))
        {
            return 1m;
        }

        if (_byCurrency.TryGetValue(currency, out var book))
        {
            var index = Array.BinarySearch(book.Days, day);
            if (index < 0)
            {
                index = ~index - 1;
            }

            if (index >= 0)
            {
                return book.Rates[index];
            }
        }

        throw new MissingExchangeRateException(_brandId, currency, BaseCurrency, day);
    }

    public decimal ToBase(decimal amount, string currency, DateOnly day) => amount * RateToBase(currency, day);

    private static void Add(Dictionary<string, SortedDictionary<DateOnly, decimal>> book, string currency, DateOnly day, decimal rate, bool overwrite)
    {
        if (!book.TryGetValue(currency, out var days))
        {
            days = [];
            book[currency] = days;
        }

        if (overwrite || !days.ContainsKey(day))
        {
            days[day] = rate;
        }
    }
}
