using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Testing;
using ServerlessOps.Domain.Concurrency;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Infrastructure.Tests.Cosmos;

public sealed class CosmosFailuresTests
{
    private static readonly CosmosOperation Operation = new("read", "orders", "brand-a", "shopify:1");

    private readonly FakeLogger _logger = new();

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, 1)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 5)]
    [InlineData(HttpStatusCode.RequestTimeout, 5)]
    [InlineData(HttpStatusCode.Gone, 5)]
    public void Translate_TransientStatus_IsStoreUnavailableWithRetryAfter(HttpStatusCode status, int retryAfterSeconds)
    {
        var translated = Translate(new CosmosException("boom", status, 0, "activity-1", 1));

        var unavailable = Assert.IsType<StoreUnavailableException>(translated);
        Assert.Equal(TimeSpan.FromSeconds(retryAfterSeconds), unavailable.RetryAfter);
        Assert.Contains("read on orders (partition 'brand-a', id 'shopify:1')", unavailable.Message, StringComparison.Ordinal);
        Assert.Equal(4002, Assert.Single(_logger.Collector.GetSnapshot()).Id.Id);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public void Translate_PermanentStatus_IsInvalidOperationNamingTheStatus(HttpStatusCode status)
    {
        var translated = Translate(new CosmosException("boom", status, 1008, "activity-2", 1));

        var rejected = Assert.IsType<InvalidOperationException>(translated);
        Assert.Contains($"{(int)status} {status}/1008", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("activity-2", rejected.Message, StringComparison.Ordinal);
        Assert.Equal(4004, Assert.Single(_logger.Collector.GetSnapshot()).Id.Id);
    }

    [Fact]
    public void Translate_ConnectionFailure_IsStoreUnavailable()
    {
        var translated = Translate(new HttpRequestException("Connection refused"));

        Assert.IsType<StoreUnavailableException>(translated);
        Assert.Equal(4003, Assert.Single(_logger.Collector.GetSnapshot()).Id.Id);
    }

    [Fact]
    public void Translate_SdkTimeoutWithoutCallerCancellation_IsStoreUnavailable()
    {
        Assert.IsType<StoreUnavailableException>(Translate(new OperationCanceledException("request timed out")));
    }

    [Fact]
    public void Translate_CallerCancelledPlainCancellation_IsLeftAlone()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.False(CosmosFailures.TryTranslate(new OperationCanceledException(cts.Token), Operation, _logger, cts.Token, out _));
    }

    [Fact]
    public void Translate_UnrelatedException_IsLeftAlone()
    {
        Assert.False(CosmosFailures.TryTranslate(new FormatException(), Operation, _logger, CancellationToken.None, out _));
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, "already exists")]
    [InlineData(HttpStatusCode.PreconditionFailed, "ETag mismatch")]
    [InlineData(HttpStatusCode.NotFound, "no longer exists")]
    public void Conflict_SaysWhyTheWriterLost(HttpStatusCode status, string why)
    {
        var conflict = CosmosFailures.Conflict(new CosmosException("lost", status, 0, "a", 1), Operation, _logger);

        Assert.IsType<ConcurrencyConflictException>(conflict);
        Assert.Contains(why, conflict.Message, StringComparison.Ordinal);
    }

    private Exception Translate(Exception exception)
    {
        Assert.True(CosmosFailures.TryTranslate(exception, Operation, _logger, CancellationToken.None, out var translated));
        Assert.IsNotType<CosmosException>(translated);
        return translated;
    }
}
