namespace ServerlessOps.Domain.Brands;

/// <summary>
/// One kind of credential of a channel account: the current value and, during a rotation, the previous one. Both are
/// accepted on incoming webhooks until the previous is dropped (Shopify: a rotation can take an hour to reach
/// deliveries); outbound calls use the current one only.
/// </summary>
/// <param name="Current">The value in use.</param>
/// <param name="Previous">The value being rotated out; null outside a rotation.</param>
/// <param name="RotatedAt">When <paramref name="Current"/> replaced <paramref name="Previous"/>; null if never rotated.</param>
public sealed record ChannelSecret(SecretReference Current, SecretReference? Previous = null, DateTimeOffset? RotatedAt = null)
{
    /// <summary>New current value; the old current becomes the previous (an older previous is dropped).</summary>
    public ChannelSecret Rotate(SecretReference next, DateTimeOffset at) => new(next, Current, at);

    /// <summary>Ends a rotation: only the current value is accepted from now on.</summary>
    public ChannelSecret DropPrevious() => this with { Previous = null };

    /// <summary>Current first, then previous: the order every authenticator tries them in.</summary>
    public IEnumerable<SecretReference> Accepted()
    {
        yield return Current;
        if (Previous is not null)
        {
            yield return Previous;
        }
    }
}
