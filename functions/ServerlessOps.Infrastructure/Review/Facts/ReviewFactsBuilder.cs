using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Channels;
using ServerlessOps.Domain.Orders;
using ServerlessOps.Domain.Review.Data;

namespace ServerlessOps.Infrastructure.Review.Facts;

/// <summary>
/// Builds a review's facts by streaming the truth once: each channel's orders placed in the window
/// (<see cref="IOrderStore.StreamPlacedAsync"/>, a page at a time) folded by a <see cref="ChannelFactsAggregator"/>, then
/// joined with ad spend, snapshots, targets and fees by the <see cref="ReviewFactsAssembler"/>. Nothing but aggregates
/// is kept; the P&amp;L trace is written row by row to the caller's writer.
/// </summary>
public sealed class ReviewFactsBuilder(IOrderStore orders, IReviewDataStore data, IReviewCatalog catalog)
{
    /// <summary>One channel's partial facts (the audit fan-out's unit of work).</summary>
    public async Task<ChannelPartialFacts> BuildChannelAsync(Brand brand, ReviewWindow window, SalesChannel channel, TextWriter? pnlLines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(brand);
        ArgumentNullException.ThrowIfNull(window);
        var rates = await RatesAsync(brand, window, cancellationToken);
        var aggregator = new ChannelFactsAggregator(window, channel, brand.Policy, rates, new ReviewCatalogCache(catalog, brand.Id), pnlLines);
        await foreach (var stored in orders.StreamPlacedAsync(brand.Id, window.From, window.Until, channel, cancellationToken))
        {
            await aggregator.AddAsync(stored.Order, cancellationToken);
        }

        return aggregator.Result();
    }

    /// <summary>
    /// Every channel's orders placed in [<paramref name="from"/>, <paramref name="until"/>) only, folded as the review folds
    /// them (the daily and weekly reports: a day or a week inside <paramref name="window"/>'s months).
    /// </summary>
    public async Task<IReadOnlyList<ChannelPartialFacts>> AggregateRangeAsync(Brand brand, ReviewWindow window, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(brand);
        var rates = await RatesAsync(brand, window, cancellationToken);
        var cache = new ReviewCatalogCache(catalog, brand.Id);
        var partials = new List<ChannelPartialFacts>();
        foreach (var channel in Enum.GetValues<SalesChannel>())
        {
            var aggregator = new ChannelFactsAggregator(window, channel, brand.Policy, rates, cache);
            await foreach (var stored in orders.StreamPlacedAsync(brand.Id, from, until, channel, cancellationToken))
            {
                await aggregator.AddAsync(stored.Order, cancellationToken);
            }

            partials.Add(aggregator.Result());
        }

        return partials;
    }

    /// <summary>The whole facts from the channels' partials.</summary>
    public async Task<BuiltReviewFacts> AssembleAsync(Brand brand, ReviewWindow window, IReadOnlyList<ChannelPartialFacts> partials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(brand);
        var rates = await RatesAsync(brand, window, cancellationToken);
        return await new ReviewFactsAssembler(data, new ReviewCatalogCache(catalog, brand.Id), rates).AssembleAsync(brand, window, partials, cancellationToken);
    }

    /// <summary>Every channel in turn, then the assembly: the whole build in one call (tests, the daily and weekly reports).</summary>
    public async Task<BuiltReviewFacts> BuildAsync(Brand brand, ReviewWindow window, TextWriter? pnlLines, CancellationToken cancellationToken)
    {
        var partials = new List<ChannelPartialFacts>();
        foreach (var channel in Enum.GetValues<SalesChannel>())
        {
            partials.Add(await BuildChannelAsync(brand, window, channel, pnlLines, cancellationToken));
        }

        return await AssembleAsync(brand, window, partials, cancellationToken);
    }

    public static TimeZoneInfo TimeZoneOf(Brand brand)
    {
        ArgumentNullException.ThrowIfNull(brand);
        return TimeZoneInfo.FindSystemTimeZoneById(brand.TimeZone);
    }

    private async Task<ExchangeRateBook> RatesAsync(Brand brand, ReviewWindow window, CancellationToken cancellationToken)
    {
        var rates = await data.GetExchangeRatesAsync(brand.Id, window.FirstMonth.FirstDay.AddDays(-ExchangeRateBook.LookBackDays), window.LastDay.AddDays(1), cancellationToken);
        return new ExchangeRateBook(brand.Id, brand.BaseCurrency, rates);
    }
}
