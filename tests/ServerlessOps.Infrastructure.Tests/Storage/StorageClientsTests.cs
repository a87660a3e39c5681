using Azure.Core;
using Azure.Storage.Blobs;
using ServerlessOps.Infrastructure.Storage;

namespace ServerlessOps.Infrastructure.Tests.Storage;

public sealed class StorageClientsTests
{
    /// <summary>
    /// Shopify and EventBridge give up after 5 s: the edge's 503 must come back before that, even after the longest
    /// wait for a write turn that configuration allows (<see cref="IngestionOptions.EdgeAdmissionWait"/>).
    /// </summary>
    [Fact]
    public void EdgeProfile_LongestTurnWaitThenEveryTryTimingOut_AnswersWithinTheChannelsFiveSecondDeadline()
    {
        var range = typeof(IngestionOptions).GetProperty(nameof(IngestionOptions.EdgeAdmissionWait))!
            .GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.RangeAttribute), false)
            .Cast<System.ComponentModel.DataAnnotations.RangeAttribute>().Single();
        var longestTurnWait = TimeSpan.Parse((string)range.Maximum, System.Globalization.CultureInfo.InvariantCulture);

        var worst = longestTurnWait + WorstCase(StorageProfile.Edge);

        Assert.True(worst < TimeSpan.FromSeconds(5), $"edge worst case {worst}");
        Assert.True(new IngestionOptions().EdgeAdmissionWait <= longestTurnWait);
    }

    /// <summary>Processing longer than a message's 30 s visibility would let a second worker take it meanwhile.</summary>
    [Fact]
    public void BackgroundProfile_WorstCase_StaysInsideTheQueueVisibilityTimeoutYetOutwaitsTheEdge()
    {
        var worst = WorstCase(StorageProfile.Background);

        Assert.True(worst < TimeSpan.FromSeconds(30), $"background worst case {worst}");
        Assert.True(worst > 3 * WorstCase(StorageProfile.Edge), $"background worst case {worst} is hardly more patient than the edge");
    }

    /// <summary>Every try runs into the network timeout, then the longest back-off (Azure.Core jitters delays by up to +20%).</summary>
    private static TimeSpan WorstCase(StorageProfile profile)
    {
        var retry = new BlobClientOptions().Retry;
        StorageClients.Configure(retry, profile);
        var total = (retry.MaxRetries + 1) * retry.NetworkTimeout;
        for (var attempt = 0; attempt < retry.MaxRetries; attempt++)
        {
            var delay = retry.Mode == RetryMode.Exponential ? retry.Delay * Math.Pow(2, attempt) : retry.Delay;
            total += TimeSpan.FromTicks((long)(Math.Min(delay.Ticks, retry.MaxDelay.Ticks) * 1.2));
        }

        return total;
    }
}
