using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Testing.StubMarketplace;

/// <summary>Every call the stub received, per channel.</summary>
internal sealed class StubRequestLog
{
    private readonly Lock _lock = new();
    private readonly List<StubRequest> _requests = [];

    public void Add(StubRequest request)
    {
        lock (_lock)
        {
            _requests.Add(request);
        }
    }

    public int Count(SalesChannel channel)
    {
        lock (_lock)
        {
            return _requests.Count(r => r.Channel == channel);
        }
    }

    public IReadOnlyList<StubRequest> For(SalesChannel channel)
    {
        lock (_lock)
        {
            return _requests.Where(r => r.Channel == channel).ToArray();
        }
    }
}
