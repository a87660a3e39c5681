using ServerlessOps.Domain.Channels;

namespace ServerlessOps.Domain.Tests.Properties.BadInput;

/// <summary>What a reader did with an input: a value, the documented rejection (with its message), or anything else (a crash).</summary>
internal sealed record Outcome<T>(T? Value, string? Rejection, Exception? Crash)
{
    public static Outcome<T> Of(Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return new Outcome<T>(read(), null, null);
        }
        catch (ChannelPayloadException e)
        {
            return new Outcome<T>(default, e.Message, null);
        }
#pragma warning disable CA1031 // The property is that nothing else escapes: anything else is caught to be reported.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new Outcome<T>(default, null, e);
        }
    }
}
