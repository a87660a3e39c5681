using System.Text.Json.Nodes;

namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>The identity holds exactly the data-plane roles the app, the host and the deployment need, each on its resource.</summary>
public sealed class RoleAssignmentTests(BicepFixture bicep)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string CosmosBuiltInDataContributor = "00000000-0000-0000-0000-000000000002";

    [Theory]
    [InlineData(StorageBlobDataOwner, "Microsoft.Storage/storageAccounts")]
    [InlineData(StorageQueueDataContributor, "Microsoft.Storage/storageAccounts")]
    [InlineData(StorageTableDataContributor, "Microsoft.Storage/storageAccounts")]
    [InlineData(KeyVaultSecretsUser, "Microsoft.KeyVault/vaults")]
    [InlineData(MonitoringMetricsPublisher, "Microsoft.Insights/components")]
    public void Identity_HoldsRole_OnTheResourceThatNeedsIt(string roleId, string scopeType)
    {
        var snapshot = bicep.Dev;
        var scope = (string)snapshot.SingleOf(scopeType)["id"]!;
        var assignment = Assert.Single(AssignmentsOf(snapshot, roleId));
        Assert.StartsWith(scope + "/providers/Microsoft.Authorization/roleAssignments/", (string)assignment["id"]!, StringComparison.Ordinal);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
        AssertIsIdentityPrincipal(snapshot, (string?)assignment["properties"]!["principalId"]);
    }

    [Fact]
    public void Identity_IsCosmosBuiltInDataContributor_OnTheAccount()
    {
        var snapshot = bicep.Dev;
        var account = (string)snapshot.SingleOf("Microsoft.DocumentDB/databaseAccounts")["id"]!;
        var assignment = snapshot.SingleOf("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments")["properties"]!;
        Assert.Equal($"{account}/sqlRoleDefinitions/{CosmosBuiltInDataContributor}", (string?)assignment["roleDefinitionId"]);
        Assert.Equal(account, (string?)assignment["scope"]);
        AssertIsIdentityPrincipal(snapshot, (string?)assignment["principalId"]);
    }

    [Fact]
    public void VaultWriter_GetsSecretsOfficer_OnlyWhenNamed()
    {
        Assert.Empty(AssignmentsOf(bicep.Dev, KeyVaultSecretsOfficer));
        var assignment = Assert.Single(AssignmentsOf(bicep.Probe, KeyVaultSecretsOfficer));
        Assert.Equal(BicepFixture.VaultWriterObjectId, (string?)assignment["properties"]!["principalId"]);
        Assert.StartsWith((string)bicep.Probe.SingleOf("Microsoft.KeyVault/vaults")["id"]!, (string)assignment["id"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void NoOtherRoleIsGranted()
    {
        var allowed = new[]
        {
            StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor,
            KeyVaultSecretsUser, KeyVaultSecretsOfficer, MonitoringMetricsPublisher,
        };
        foreach (var snapshot in bicep.All)
        {
            foreach (var assignment in snapshot.OfType("Microsoft.Authorization/roleAssignments"))
            {
                var roleId = ((string)assignment["properties"]!["roleDefinitionId"]!).Split('/')[^1];
                Assert.Contains(roleId, allowed);
            }
        }
    }

    private static IEnumerable<JsonObject> AssignmentsOf(DeploymentSnapshot snapshot, string roleId) =>
        snapshot.OfType("Microsoft.Authorization/roleAssignments").Where(a =>
            ((string)a["properties"]!["roleDefinitionId"]!).EndsWith("/roleDefinitions/" + roleId, StringComparison.Ordinal));

    // The principal id exists only after deployment, so the snapshot keeps it as a reference to the identity.
    private static void AssertIsIdentityPrincipal(DeploymentSnapshot snapshot, string? value)
    {
        var identityId = (string)snapshot.SingleOf("Microsoft.ManagedIdentity/userAssignedIdentities")["id"]!;
        Assert.NotNull(value);
        Assert.StartsWith($"[reference('{identityId}', ", value, StringComparison.Ordinal);
        Assert.EndsWith(").principalId]", value, StringComparison.Ordinal);
    }
}
