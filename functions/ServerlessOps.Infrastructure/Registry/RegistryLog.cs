using Microsoft.Extensions.Logging;

namespace ServerlessOps.Infrastructure.Registry;

/// <summary>Log events of the brand registry: ids 4400-4499. Brand, channel, account and secret kind only; never a secret value.</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(EventId = 4400, Level = LogLevel.Information,
        Message = "Registry {Subject} of brand {BrandId} {Action} by {Actor} ({ChangeCount} fields)")]
    internal static partial void RegistryChanged(this ILogger logger, string brandId, string subject, string action, string actor, int changeCount);

    [LoggerMessage(EventId = 4401, Level = LogLevel.Warning,
        Message = "Audit entry {AuditId} of brand {BrandId} could not be appended after its change was written; it is appended again from the change when the registry is next read")]
    internal static partial void AuditAppendFailed(this ILogger logger, string auditId, string brandId, Exception exception);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Information,
        Message = "Registry loaded: {BrandCount} brands, {AccountCount} channel accounts ({Reason})")]
    internal static partial void DirectoryLoaded(this ILogger logger, int brandCount, int accountCount, string reason);

    [LoggerMessage(EventId = 4403, Level = LogLevel.Error,
        Message = "Registry could not be loaded ({Reason}); the edge keeps its previous snapshot and the load is retried")]
    internal static partial void DirectoryLoadFailed(this ILogger logger, string reason, Exception exception);

    [LoggerMessage(EventId = 4404, Level = LogLevel.Warning,
        Message = "Registry change feed failed; reloading the whole registry")]
    internal static partial void ChangeFeedFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4405, Level = LogLevel.Warning,
        Message = "Secret {SecretKind} ({Which}) of {Channel} account {AccountId} (brand {BrandId}) could not be resolved: {Reason}")]
    internal static partial void SecretUnresolved(this ILogger logger, string brandId, string channel, string accountId, string secretKind, string which, string reason);

    [LoggerMessage(EventId = 4406, Level = LogLevel.Warning,
        Message = "Key Vault secret {SecretUri} could not be read again ({Reason}); its value read {AgeSeconds} s ago stays in use")]
    internal static partial void StaleSecretKept(this ILogger logger, string secretUri, string reason, long ageSeconds);

    [LoggerMessage(EventId = 4407, Level = LogLevel.Information,
        Message = "Settings seed created brand {BrandId} in the registry")]
    internal static partial void BrandSeeded(this ILogger logger, string brandId);

    [LoggerMessage(EventId = 4408, Level = LogLevel.Information,
        Message = "Settings seed created {Channel} account {AccountId} of brand {BrandId} in the registry")]
    internal static partial void AccountSeeded(this ILogger logger, string brandId, string channel, string accountId);

    [LoggerMessage(EventId = 4409, Level = LogLevel.Error,
        Message = "Settings seed skipped {Channel} account {AccountId} of brand {BrandId}: {Reason}")]
    internal static partial void AccountSeedSkipped(this ILogger logger, string brandId, string channel, string accountId, string reason);

    [LoggerMessage(EventId = 4410, Level = LogLevel.Debug,
        Message = "Registry seed: {Count} entries from Brands settings were in the registry already and were left as they are")]
    internal static partial void SeedFoundExisting(this ILogger logger, int count);

    [LoggerMessage(EventId = 4411, Level = LogLevel.Error,
        Message = "Settings seed skipped brand {BrandId}: {Reason}")]
    internal static partial void BrandSeedSkipped(this ILogger logger, string brandId, string reason);

    [LoggerMessage(EventId = 4412, Level = LogLevel.Debug,
        Message = "Registry change feed: {ChangedCount} changed documents")]
    internal static partial void ChangesSeen(this ILogger logger, int changedCount);
}
