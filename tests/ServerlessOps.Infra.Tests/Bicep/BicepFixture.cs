using System.Text.Json.Nodes;
using ServerlessOps.Testing;
using ServerlessOps.Testing.Bicep;

[assembly: AssemblyFixture(typeof(ServerlessOps.Infra.Tests.Bicep.BicepFixture))]

namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>
/// Compiles infra/azure/main.bicep once and evaluates it offline (<c>bicep snapshot</c>) with the dev and
/// prod parameters files and with <see cref="ProbeParameters"/>, in a copy of infra/azure so nothing is
/// written into the repository.
/// </summary>
public sealed class BicepFixture : IAsyncLifetime
{
    public const string SubscriptionId = "11111111-1111-1111-1111-111111111111";
    public const string TenantId = "22222222-2222-2222-2222-222222222222";
    public const string ResourceGroup = "rg-serverlessops-test";
    public const string Location = "westeurope";
    public const string VaultWriterObjectId = "33333333-3333-3333-3333-333333333333";
    public const string AuthClientId = "44444444-4444-4444-4444-444444444444";
    public const string OpsGroupObjectId = "55555555-5555-5555-5555-555555555555";
    public const string FinanceUserObjectId = "66666666-6666-6666-6666-666666666666";

    /// <summary>
    /// Every optional feature at once: provisioned Cosmos DB, two brands on all four channels with every optional
    /// account field, a rotation in progress (previous secret), access tokens, a vault writer, an app-setting
    /// override, App Service authentication with two principal scopes, a mixed-case task hub with six partitions, two
    /// alert e-mail receivers with one alert's defaults overridden, and a shorter raw-delivery retention.
    /// </summary>
    public const string ProbeParameters = """
        using '../main.bicep'

        param environmentName = 'test'
        param cosmosCapacityMode = 'ProvisionedAutoscale'
        param cosmosAutoscaleMaxThroughput = 4000
        param vaultWriterPrincipalId = '33333333-3333-3333-3333-333333333333'
        param alwaysReadyHttpInstances = 1
        param taskHubName = 'OpsHub'
        param partitionCount = 6
        param authClientId = '44444444-4444-4444-4444-444444444444'
        param accessPrincipals = [
          { objectId: '55555555-5555-5555-5555-555555555555', brands: ['*'] }
          { objectId: '66666666-6666-6666-6666-666666666666', brands: ['acme', 'globex'] }
        ]
        param appSettingsOverrides = {
          Ingestion__MaxBodyBytes: '2097152'
        }
        param alertEmailAddresses = ['oncall@example.test', 'lead@example.test']
        param operatorAlerts = {
          webhookServerErrors: { severity: 0, threshold: 1, windowMinutes: 5 }
        }
        param rawDeliveriesProcessedDeleteAfterDays = 30
        param brands = [
          {
            id: 'acme'
            displayName: 'Acme Outdoor'
            owner: 'owner@acme.example'
            accounts: [
              { channel: 'Shopify', accountId: 'acme.myshopify.com', hasPreviousSecret: true, hasAccessToken: true }
              { channel: 'TikTokShop', accountId: '7490000000000000001', appKey: 'acme-app-key', shopCipher: 'TTP_ACMECIPHER', hasAccessToken: true }
            ]
          }
          {
            id: 'globex'
            displayName: 'Globex'
            owner: 'ops@globex.example'
            accounts: [
              { channel: 'Amazon', accountId: 'A2GLOBEX', credentialHeader: 'x-serverlessops-key' }
              { channel: 'Walmart', accountId: '10009999', authMethod: 'Header', credentialHeader: 'x-walmart-key', hasAccessToken: true }
            ]
          }
        ]
        """;

    private readonly string _workDirectory =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "serverlessops-infra-" + Guid.NewGuid().ToString("N"));

    private Dictionary<string, DeploymentSnapshot> _snapshots = [];

    /// <summary>main.bicep compiled to ARM JSON.</summary>
    public JsonObject CompiledTemplate { get; private set; } = [];

    /// <summary>Warnings and errors of compiling main.bicep.</summary>
    public IReadOnlyList<string> CompileDiagnostics { get; private set; } = [];

    public DeploymentSnapshot Dev => _snapshots["dev"];

    public DeploymentSnapshot Prod => _snapshots["prod"];

    public DeploymentSnapshot Probe => _snapshots["probe"];

    public IEnumerable<DeploymentSnapshot> All => _snapshots.Values;

    public static string InfraDirectory => System.IO.Path.Combine(RepositoryPaths.Root, "infra", "azure");

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        CopyTemplates();
        await File.WriteAllTextAsync(
            System.IO.Path.Combine(_workDirectory, "parameters", "probe.bicepparam"), ProbeParameters, cancellationToken);

        var build = BicepCli.RunAsync(_workDirectory, ["build", "main.bicep", "--stdout"], cancellationToken);
        var snapshots = new[] { "dev", "prod", "probe" }.Select(name => SnapshotAsync(name, cancellationToken)).ToList();

        var compiled = await build;
        Assert.True(compiled.ExitCode == 0, $"bicep build main.bicep failed:\n{compiled.Output}");
        CompileDiagnostics = compiled.Diagnostics;
        CompiledTemplate = JsonNode.Parse(compiled.StandardOutput)!.AsObject();
        _snapshots = (await Task.WhenAll(snapshots)).ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_workDirectory))
        {
            Directory.Delete(_workDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private async Task<DeploymentSnapshot> SnapshotAsync(string name, CancellationToken cancellationToken)
    {
        var parameters = $"parameters/{name}.bicepparam";
        var result = await BicepCli.RunAsync(
            _workDirectory,
            [
                "snapshot", parameters, "--mode", "overwrite",
                "--subscription-id", SubscriptionId, "--tenant-id", TenantId,
                "--resource-group", ResourceGroup, "--location", Location,
            ],
            cancellationToken);
        Assert.True(result.ExitCode == 0, $"bicep snapshot {parameters} failed:\n{result.Output}");
        var file = System.IO.Path.Combine(_workDirectory, "parameters", $"{name}.snapshot.json");
        var root = JsonNode.Parse(await File.ReadAllTextAsync(file, cancellationToken))!.AsObject();
        return new DeploymentSnapshot(name, root);
    }

    private void CopyTemplates()
    {
        var source = InfraDirectory;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(source, file);
            var extension = System.IO.Path.GetExtension(file);
            // Templates, bicepconfig.json and the JSON files the templates load (cosmos-containers.json).
            if (extension is not (".bicep" or ".bicepparam" or ".json") || relative.StartsWith("tools", StringComparison.Ordinal))
            {
                continue;
            }

            var target = System.IO.Path.Combine(_workDirectory, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
