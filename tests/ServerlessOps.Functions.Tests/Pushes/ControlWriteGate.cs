using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessOps.Infrastructure.Cosmos;

namespace ServerlessOps.Functions.Tests.Pushes;

/// <summary>
/// A Cosmos request handler of the app that, once armed, runs the test's step right after the next write of a push
/// control document lands, before its caller sees the answer: for a worker, between parking a listing and finishing it.
/// </summary>
internal sealed class ControlWriteGate : RequestHandler
{
    private Func<Task>? _armed;

    /// <summary>Runs <paramref name="step"/> once, after the next control document write (its own writes pass through).</summary>
    public void Arm(Func<Task> step) => Volatile.Write(ref _armed, step);

    /// <summary>Gives the app a Cosmos client with this gate in front of its own handlers.</summary>
    public void Install(IServiceCollection services) =>
        services.AddSingleton(sp => CosmosClientFactory.Create(sp.GetRequiredService<IOptions<CosmosOptions>>().Value, handlers: [this]));

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.SendAsync(request, cancellationToken);
        if ((request.Method == HttpMethod.Put || request.Method == HttpMethod.Post)
            && response.IsSuccessStatusCode
            && request.RequestUri is { } uri
            && Uri.UnescapeDataString(uri.OriginalString).Contains("/docs/control|", StringComparison.Ordinal)
            && Interlocked.Exchange(ref _armed, null) is { } step)
        {
            await step();
        }

        return response;
    }
}
