namespace ServerlessOps.Infra.Tests.Bicep;

public sealed class TemplateCompileTests(BicepFixture bicep)
{
    [Fact]
    public void MainBicep_Compiles_WithoutWarningsOrErrors()
    {
        Assert.Empty(bicep.CompileDiagnostics);
        Assert.Equal("2.0", (string?)bicep.CompiledTemplate["languageVersion"]);
    }

    [Fact]
    public void EveryParametersFile_EvaluatesWithoutDiagnostics()
    {
        foreach (var snapshot in bicep.All)
        {
            Assert.True(snapshot.Diagnostics.Count == 0, $"{snapshot.Name}: {snapshot.Diagnostics.ToJsonString()}");
            Assert.NotEmpty(snapshot.Resources);
        }
    }

    [Fact]
    public void Outputs_NameTheAppVaultAndEveryWebhookUrl()
    {
        var snapshot = bicep.Dev;
        Assert.Equal((string?)snapshot.SingleOf("Microsoft.Web/sites")["name"], (string?)snapshot.Outputs["functionAppName"]);
        Assert.Equal((string?)snapshot.SingleOf("Microsoft.KeyVault/vaults")["name"], (string?)snapshot.Outputs["keyVaultName"]);
        Assert.Contains("documentEndpoint", (string?)snapshot.Outputs["cosmosEndpoint"], StringComparison.Ordinal);
        Assert.Contains("defaultHostName", (string?)snapshot.Outputs["defaultHostName"], StringComparison.Ordinal);

        // The host name is known only after deployment, so the URLs stay an expression; each path is literal.
        var webhookUrls = (string)snapshot.Outputs["webhookUrls"]!;
        foreach (var (key, path) in WebhookPaths.ByOutputKey)
        {
            Assert.Contains($"'{key}', format('https://{{0}}{{1}}', ", webhookUrls, StringComparison.Ordinal);
            Assert.Contains($"'{path}'", webhookUrls, StringComparison.Ordinal);
        }
    }
}
