namespace ServerlessOps.Domain.Review.Data;

/// <summary>One unit of <paramref name="From"/> is worth <paramref name="Rate"/> units of <paramref name="To"/> on <paramref name="Day"/>.</summary>
public sealed record ExchangeRate(string BrandId, DateOnly Day, string From, string To, decimal Rate, string SourceRow);
