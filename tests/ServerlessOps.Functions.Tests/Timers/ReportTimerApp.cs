using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessOps.Domain.Brands;
using ServerlessOps.Functions.Tests.Hosting;
using ServerlessOps.Functions.Tests.Support;
using ServerlessOps.Functions.Timers;
using ServerlessOps.Infrastructure.Review.Operations;
using static ServerlessOps.Functions.Tests.Reviews.ReviewTestData;

namespace ServerlessOps.Functions.Tests.Timers;

/// <summary>
/// The app the daily and weekly report timer tests run: acme (the fixture's brand, live long before any period the tests
/// look at) and the brands a test names by their go-live, every one in New York, with the timers off so that only the
/// timer a test builds (<see cref="Daily"/>, <see cref="Weekly"/>) at the instant it chooses writes a report.
/// </summary>
internal static class ReportTimerApp
{
    private const string TimeZone = "America/New_York";

    /// <param name="goLives">Each brand besides acme, by id, and its go-live (ISO 8601 with an offset).</param>
    /// <returns>The app, once every brand is in its registry.</returns>
    public static async Task<TestApp> StartWithBrandsAsync(
        FunctionAppFixture fixture, IReadOnlyDictionary<string, string> goLives)
    {
        var all = new Dictionary<string, string>
        {
            [$"Brands:{Acme}:TimeZone"] = TimeZone,
            ["MonthlyReview:TimersEnabled"] = "false",
        };
        foreach (var (brand, goLive) in goLives)
        {
            all[$"Brands:{brand}:DisplayName"] = $"{char.ToUpperInvariant(brand[0])}{brand[1..]} Goods";
            all[$"Brands:{brand}:Owner"] = $"finance@{brand}.example";
            all[$"Brands:{brand}:TimeZone"] = TimeZone;
            all[$"Brands:{brand}:GoLive"] = goLive;
        }

        var app = TestApp.Start(fixture, TestApp.TriggersOff(all));
        var registry = app.Services.GetRequiredService<IBrandDirectorySource>();
        string[] brands = [Acme, .. goLives.Keys];
        await Poll.UntilAsync(
            _ => Task.FromResult(brands.All(registry.Current.Brands.ContainsKey) ? "all" : null),
            $"brands {string.Join(", ", brands)} in the registry");
        return app;
    }

    /// <summary>The daily report timer of <paramref name="app"/> as it runs at <paramref name="now"/>.</summary>
    public static WriteDailyReports Daily(TestApp app, DateTimeOffset now, ILogger<WriteDailyReports>? logger = null) => new(
        app.Services.GetRequiredService<IBrandDirectorySource>(), app.Services, app.Services.GetRequiredService<IOptionsMonitor<MonthlyReviewOptions>>(),
        new FakeTimeProvider(now), logger ?? NullLogger<WriteDailyReports>.Instance);

    /// <summary>The weekly report timer of <paramref name="app"/> as it runs at <paramref name="now"/>.</summary>
    public static WriteWeeklyReports Weekly(TestApp app, DateTimeOffset now, ILogger<WriteWeeklyReports>? logger = null) => new(
        app.Services.GetRequiredService<IBrandDirectorySource>(), app.Services, app.Services.GetRequiredService<IOptionsMonitor<MonthlyReviewOptions>>(),
        new FakeTimeProvider(now), logger ?? NullLogger<WriteWeeklyReports>.Instance);
}
