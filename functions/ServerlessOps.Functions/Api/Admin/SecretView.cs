using ServerlessOps.Domain.Brands;

namespace ServerlessOps.Functions.Api.Admin;

/// <summary>One secret kind of an account, without values.</summary>
/// <param name="Current">Where the current value lives.</param>
/// <param name="Previous">Where the value being rotated out lives; null outside a rotation.</param>
/// <param name="RotatedAt">When the last rotation happened.</param>
public sealed record SecretView(SecretLocation Current, SecretLocation? Previous, DateTimeOffset? RotatedAt)
{
    public static SecretView From(ChannelSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new SecretView(SecretLocation.From(secret.Current), secret.Previous is null ? null : SecretLocation.From(secret.Previous), secret.RotatedAt);
    }
}
