namespace ServerlessOps.Functions.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Critical, Message = "Settings hold unresolved Key Vault references (missing secret or no access): {Settings}; /api/health answers 503 until fixed")]
    public static partial void UnresolvedSecretReferences(this ILogger logger, IReadOnlyList<string> settings);
}
