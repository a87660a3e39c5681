using System.Diagnostics.CodeAnalysis;

namespace ServerlessOps.Domain.Channels;

/// <summary>A value, or the rejection saying why there is none.</summary>
public readonly record struct ChannelResult<T>
{
    private ChannelResult(T? value, WebhookRejection? rejection)
    {
        Value = value;
        Rejection = rejection;
    }

    public T? Value { get; }

    public WebhookRejection? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsSuccess => Rejection is null;

    public static ChannelResult<T> Success(T value) => new(value, null);

    public static ChannelResult<T> Fail(RejectionKind kind, string detail, string? topic = null) => new(default, new WebhookRejection(kind, detail, topic));

    public static implicit operator ChannelResult<T>(T value) => Success(value);
}
