namespace ServerlessOps.Domain.Tests.Properties.BadInput;

/// <summary>A rejection must say where and what ("payload.orderLines[1].quantity: expected ..., found ..."), not just that something failed.</summary>
internal static class RejectionMessages
{
    public static bool NamesWhereAndWhat(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return false;
        }

        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && message.Length > colon + 4 && !message.Contains("Exception", StringComparison.Ordinal);
    }
}
