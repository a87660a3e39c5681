using System.Text.Json.Nodes;

namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>
/// Data protection (issue 18 item 8): Cosmos DB continuous backup, processed raw deliveries expiring once past the
/// channels' retry windows, and delete locks on the data-holding resources in production only.
/// </summary>
public sealed class DataProtectionTemplateTests(BicepFixture bicep)
{
    private const string LockType = "Microsoft.Authorization/locks";

    [Fact]
    public void Cosmos_HasContinuousBackup_SevenDaysByDefault_ThirtyInProduction()
    {
        Assert.Equal("Continuous7Days", (string?)BackupPolicy(bicep.Dev)["continuousModeProperties"]!["tier"]);
        Assert.Equal("Continuous30Days", (string?)BackupPolicy(bicep.Prod)["continuousModeProperties"]!["tier"]);
        Assert.All(bicep.All, s => Assert.Equal("Continuous", (string?)BackupPolicy(s)["type"]));
    }

    [Fact]
    public void ProcessedRawDeliveries_ExpireByTheirStateTag_AfterTheRetentionParameter()
    {
        var rule = LifecycleRule(bicep.Dev, "raw-deliveries-processed-expire");
        var filters = rule["definition"]!["filters"]!;
        Assert.Equal(["raw-deliveries/"], filters["prefixMatch"]!.AsArray().Select(p => (string)p!));
        var match = Assert.Single(filters["blobIndexMatch"]!.AsArray());
        Assert.Equal(("state", "==", "Processed"), ((string)match!["name"]!, (string)match["op"]!, (string)match["value"]!));
        var actions = rule["definition"]!["actions"]!["baseBlob"]!;
        Assert.Equal(90, (int)actions["delete"]!["daysAfterModificationGreaterThan"]!);
        // Cool once past every channel's retry window (72 h at most) with CHANNELS.md's week of margin.
        Assert.Equal(7, (int)actions["tierToCool"]!["daysAfterModificationGreaterThan"]!);
        Assert.Equal(30, (int)LifecycleRule(bicep.Probe, "raw-deliveries-processed-expire")["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]!);
    }

    [Fact]
    public void UnprocessedRawDeliveries_KeepTheLongRetention_SoQuarantinedOnesWaitForAReplay()
    {
        var rule = LifecycleRule(bicep.Dev, "raw-deliveries-age-out");
        Assert.Null(rule["definition"]!["filters"]!["blobIndexMatch"]);
        Assert.Equal(400, (int)rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]!);
    }

    [Fact]
    public void Production_LocksStorageCosmosVaultAndWorkspace_AgainstDeletion()
    {
        var locks = bicep.Prod.OfType(LockType).ToList();
        Assert.Equal(4, locks.Count);
        Assert.All(locks, l => Assert.Equal("CanNotDelete", (string?)l["properties"]!["level"]));
        var lockedTypes = locks.Select(l => LockedResourceType((string)l["id"]!)).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["Microsoft.DocumentDB/databaseAccounts", "Microsoft.KeyVault/vaults", "Microsoft.OperationalInsights/workspaces", "Microsoft.Storage/storageAccounts"],
            lockedTypes);
    }

    [Fact]
    public void OtherEnvironments_HaveNoLocks()
    {
        Assert.Empty(bicep.Dev.OfType(LockType));
        Assert.Empty(bicep.Probe.OfType(LockType));
    }

    private static JsonNode BackupPolicy(DeploymentSnapshot snapshot) =>
        snapshot.SingleOf("Microsoft.DocumentDB/databaseAccounts")["properties"]!["backupPolicy"]!;

    private static JsonNode LifecycleRule(DeploymentSnapshot snapshot, string name) =>
        snapshot.SingleOf("Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]!.AsArray()
            .Single(r => (string?)r!["name"] == name)!;

    /// <summary>".../providers/Microsoft.Storage/storageAccounts/st.../providers/Microsoft.Authorization/locks/x" → the locked type.</summary>
    private static string LockedResourceType(string lockId)
    {
        var scope = lockId[..lockId.LastIndexOf("/providers/Microsoft.Authorization/", StringComparison.Ordinal)];
        var parts = scope[(scope.LastIndexOf("/providers/", StringComparison.Ordinal) + "/providers/".Length)..].Split('/');
        return $"{parts[0]}/{parts[1]}";
    }
}
