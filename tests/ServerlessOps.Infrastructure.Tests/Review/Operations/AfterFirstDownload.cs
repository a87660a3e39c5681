using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessOps.Infrastructure.Tests.Review.Operations;

/// <summary>
/// Runs <paramref name="between"/> once, right after the client's first download of a blob whose name ends with
/// <paramref name="blobName"/> has been answered: another writer's whole write lands between this client's read and its write.
/// </summary>
internal sealed class AfterFirstDownload(string blobName, Func<Task> between) : HttpPipelinePolicy
{
    private int _fired;

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (message.Request.Method == RequestMethod.Get
            && message.Request.Uri.Path.EndsWith(blobName, StringComparison.Ordinal)
            && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            await between();
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The review's work store only calls Azure Storage asynchronously.");
}
