using Microsoft.Extensions.Options;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Domain.Review;
using ServerlessOps.Domain.Review.Cycle;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Infrastructure.Review.Operations;

namespace ServerlessOps.Functions.Tests.Reviews;

/// <summary>Which closed month is due for a brand at an instant: 06:00 local on the 1st, in each brand's own time zone.</summary>
public sealed class MonthlyReviewStarterTests
{
    private static readonly MonthlyReviewStarter Starter = new(new StaticOptions(new MonthlyReviewOptions { StartHour = 6 }), new NoClaims(), TimeProvider.System);

    [Theory]
    [InlineData("2026-12-01T10:30:00Z", "America/New_York", "2026-10")] // 05:30 on the 1st in New York: November not yet due
    [InlineData("2026-12-01T11:00:00Z", "America/New_York", "2026-11")] // 06:00 in New York
    [InlineData("2026-11-30T21:30:00Z", "Asia/Tokyo", "2026-11")]       // 06:30 on 1 Dec in Tokyo
    [InlineData("2026-11-30T20:30:00Z", "Asia/Tokyo", "2026-10")]       // 05:30 in Tokyo
    [InlineData("2026-12-15T00:00:00Z", "UTC", "2026-11")]              // catch-up: later in the month the last closed month is still due
    public void DueMonth_IsTheMonthJustClosed_OnlyAfterSixLocalOnTheFirst(string now, string timeZone, string expected)
    {
        var brand = new Brand("acme", "Acme", "USD", timeZone, DateTimeOffset.UnixEpoch, new BrandOwners("finance@acme.example"), BrandPolicy.Default);

        var due = Starter.DueMonth(brand, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, due.ToString());
    }

    [Fact]
    public void DueMonth_TokyoAfterSix_IsNovember_WhileNewYorkIsStillOnOctober()
    {
        var now = new DateTimeOffset(2026, 11, 30, 21, 30, 0, TimeSpan.Zero).AddHours(1); // 07:30 on 1 Dec in Tokyo, 17:30 on 30 Nov in New York
        var tokyo = new Brand("tokyo", "T", "JPY", "Asia/Tokyo", DateTimeOffset.UnixEpoch, new BrandOwners("f@t.example"), BrandPolicy.Default);
        var newYork = new Brand("ny", "N", "USD", "America/New_York", DateTimeOffset.UnixEpoch, new BrandOwners("f@n.example"), BrandPolicy.Default);

        Assert.Equal(new ReviewMonth(2026, 11), Starter.DueMonth(tokyo, now));
        Assert.Equal(new ReviewMonth(2026, 10), Starter.DueMonth(newYork, now));
    }

    /// <summary>Which month is due reads no claim: these tests never start a review.</summary>
    private sealed class NoClaims : IReviewStartClaims
    {
        public Task<ReviewStartClaim?> ReadAsync(string brandId, ReviewMonth month, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ReviewStartClaim?> TryClaimAsync(string brandId, ReviewMonth month, ReviewStartClaim? seen, string claimedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task MarkScheduledAsync(ReviewStartClaim claim, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task ReleaseAsync(ReviewStartClaim claim, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class StaticOptions(MonthlyReviewOptions value) : IOptionsMonitor<MonthlyReviewOptions>
    {
        public MonthlyReviewOptions CurrentValue => value;

        public MonthlyReviewOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<MonthlyReviewOptions, string?> listener) => null;
    }
}
