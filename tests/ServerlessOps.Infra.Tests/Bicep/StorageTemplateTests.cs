namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>The queues, tables and containers the app and the durable runtime expect exist before the app starts.</summary>
public sealed class StorageTemplateTests(BicepFixture bicep)
{
    [Fact]
    public void Queues_AreIngestionAlertsPushesTheirPoisonQueuesAndTheTaskHubs()
    {
        Assert.Equal(
            new[]
            {
                "webhook-deliveries", "webhook-deliveries-poison", "alert-notifications", "alert-notifications-poison",
                "inventory-push", "inventory-push-poison", "serverlessops-workitems",
                "serverlessops-control-00", "serverlessops-control-01",
            }.Order(),
            bicep.Dev.NamesOf("Microsoft.Storage/storageAccounts/queueServices/queues").Order());
    }

    [Fact]
    public void Tables_AreTheTaskHubHistoryInstancesAndPartitions()
    {
        Assert.Equal(
            ["serverlessopsHistory", "serverlessopsInstances", "serverlessopsPartitions"],
            bicep.Dev.NamesOf("Microsoft.Storage/storageAccounts/tableServices/tables").Order());
    }

    [Fact]
    public void BlobContainers_IncludeDeploymentPackageRawDeliveriesReportsAndTaskHub()
    {
        var containers = bicep.Dev.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        Assert.Equal(
            new[]
            {
                "app-package", "raw-deliveries", "reports",
                "serverlessops-applease", "serverlessops-largemessages", "serverlessops-leases",
            }.Order(),
            bicep.Dev.NamesOf("Microsoft.Storage/storageAccounts/blobServices/containers").Order());
        Assert.All(containers, c => Assert.Equal("None", (string?)c["properties"]!["publicAccess"]));
    }

    [Fact]
    public void MixedCaseTaskHub_IsNamedAsDurableTaskAzureStorageNamesIt()
    {
        // DurableTask.AzureStorage: queues and blob containers "{hub.ToLowerInvariant()}-{suffix}" (control-NN
        // zero-padded to two digits), tables "{hub}History", "{hub}Instances", "{hub}Partitions" as written.
        var probe = bicep.Probe;
        var queues = probe.NamesOf("Microsoft.Storage/storageAccounts/queueServices/queues");
        Assert.Equal(
            ["opshub-control-00", "opshub-control-01", "opshub-control-02", "opshub-control-03", "opshub-control-04", "opshub-control-05", "opshub-workitems"],
            queues.Where(q => q.StartsWith("opshub-", StringComparison.Ordinal)).Order());
        Assert.Equal(
            ["OpsHubHistory", "OpsHubInstances", "OpsHubPartitions"],
            probe.NamesOf("Microsoft.Storage/storageAccounts/tableServices/tables").Order(StringComparer.Ordinal));
        Assert.Equal(
            ["opshub-applease", "opshub-largemessages", "opshub-leases"],
            probe.NamesOf("Microsoft.Storage/storageAccounts/blobServices/containers").Where(c => c.StartsWith("opshub-", StringComparison.Ordinal)).Order());
        Assert.Equal("OpsHub", probe.AppSettings["DurableTaskHubName"]);
        Assert.Equal("6", probe.AppSettings[AppSettingsTests.PartitionCountSetting]);
    }

    [Fact]
    public void RawDeliveries_CoolAfter35Days_DeleteAfter400()
    {
        // Whatever their state; processed ones go sooner (DataProtectionTemplateTests).
        var rule = bicep.Dev.SingleOf("Microsoft.Storage/storageAccounts/managementPolicies")["properties"]!["policy"]!["rules"]!.AsArray()
            .Single(r => (string?)r!["name"] == "raw-deliveries-age-out")!;
        Assert.Equal(["raw-deliveries/"], rule["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(p => (string)p!));
        var actions = rule["definition"]!["actions"]!["baseBlob"]!;
        Assert.Equal(35, (int)actions["tierToCool"]!["daysAfterModificationGreaterThan"]!);
        Assert.Equal(400, (int)actions["delete"]!["daysAfterModificationGreaterThan"]!);
    }

    [Fact]
    public void ProdStorage_IsZoneRedundant()
    {
        Assert.Equal("Standard_ZRS", (string?)bicep.Prod.SingleOf("Microsoft.Storage/storageAccounts")["sku"]!["name"]);
    }
}
