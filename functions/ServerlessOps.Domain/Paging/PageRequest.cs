namespace ServerlessOps.Domain.Paging;

/// <summary>At most <see cref="Limit"/> items (1 or more) of a list, after <see cref="After"/>, or from its start when null.</summary>
public sealed record PageRequest
{
    public PageRequest(int limit, KeysetPosition? after = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        After = after;
    }

    public int Limit { get; }

    public KeysetPosition? After { get; }
}
