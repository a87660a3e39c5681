using System.Text.Json.Nodes;
using ServerlessOps.Infrastructure.Alerts;
using ServerlessOps.Infrastructure.Telemetry;

namespace ServerlessOps.Infra.Tests.Bicep;

/// <summary>
/// The operator alerts (issue 18 item 8): one scheduled query rule per signal the app emits, each over that signal's
/// metric and wired to the on-call action group, whose receivers and thresholds come from parameters.
/// </summary>
public sealed class OperatorAlertsTemplateTests(BicepFixture bicep)
{
    private const string RuleType = "Microsoft.Insights/scheduledQueryRules";
    private const string ActionGroupType = "Microsoft.Insights/actionGroups";

    /// <summary>Rule name suffix → the metric its query reads.</summary>
    private static readonly Dictionary<string, string> _ruleMetric = new(StringComparer.Ordinal)
    {
        ["poison-queue-depth"] = OperatorSignalNames.PoisonQueueDepth,
        ["quarantine-growth"] = OperatorSignalNames.QuarantineOpen,
        ["webhook-unauthorized"] = OperatorSignalNames.WebhookUnauthorized,
        ["webhook-server-errors"] = OperatorSignalNames.WebhookServerErrors,
        ["cosmos-throttled"] = OperatorSignalNames.CosmosThrottled,
        ["webhooks-stopped"] = OperatorSignalNames.WebhooksStopped,
        ["orchestrations-failed"] = OperatorSignalNames.OrchestrationsFailed,
        ["order-flows-stuck"] = OperatorSignalNames.OrderFlowsStuck,
        ["task-hub-backlog"] = OperatorSignalNames.TaskHubBacklog,
        ["signals-silent"] = OperatorSignalNames.PoisonQueueDepth,
    };

    [Fact]
    public void EveryOperatorSignal_HasARule_ThatQueriesItsMetric()
    {
        foreach (var snapshot in bicep.All)
        {
            var rules = snapshot.OfType(RuleType).ToList();
            Assert.Equal(_ruleMetric.Count, rules.Count);
            foreach (var (suffix, metric) in _ruleMetric)
            {
                var rule = Assert.Single(rules, r => ((string)r["name"]!).EndsWith("-" + suffix, StringComparison.Ordinal));
                Assert.Contains($"name == \"{metric}\"", Criterion(rule)["query"]!.GetValue<string>(), StringComparison.Ordinal);
            }

            Assert.Empty(OperatorSignalNames.All.Except(_ruleMetric.Values));
        }
    }

    [Fact]
    public void EveryRule_NotifiesTheOnCallActionGroup_AndResolvesItself()
    {
        foreach (var snapshot in bicep.All)
        {
            var group = snapshot.SingleOf(ActionGroupType);
            var groupId = (string)group["id"]!;
            Assert.EndsWith("/actionGroups/" + (string)group["name"]!, groupId, StringComparison.Ordinal);
            foreach (var rule in snapshot.OfType(RuleType))
            {
                var properties = rule["properties"]!;
                Assert.Equal([groupId], properties["actions"]!["actionGroups"]!.AsArray().Select(a => (string)a!));
                Assert.True((bool)properties["enabled"]!);
                Assert.True((bool)properties["autoMitigate"]!);
                Assert.Equal("PT5M", (string?)properties["evaluationFrequency"]);
                Assert.EndsWith("/components/" + SnapshotAppInsightsName(snapshot), (string)properties["scopes"]![0]!, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Rules_DimensionEachSignalByWhatItIsOf()
    {
        var rules = bicep.Dev.OfType(RuleType).ToDictionary(r => ((string)r["name"]!).Split("-oncall-")[1], StringComparer.Ordinal);
        Assert.Equal(["queue"], Dimensions(rules["poison-queue-depth"]));
        Assert.Equal(["queue"], Dimensions(rules["task-hub-backlog"]));
        Assert.Equal(["channel"], Dimensions(rules["webhook-unauthorized"]));
        Assert.Equal(["channel"], Dimensions(rules["webhook-server-errors"]));
        Assert.Equal(["brand", "channel", "account"], Dimensions(rules["webhooks-stopped"]));
        Assert.Equal(["orchestration"], Dimensions(rules["orchestrations-failed"]));
        Assert.Equal(["brand"], Dimensions(rules["order-flows-stuck"]));
        Assert.Equal(["brand"], Dimensions(rules["quarantine-growth"]));
        Assert.Empty(Dimensions(rules["cosmos-throttled"]));
        Assert.Equal("LessThan", (string?)Criterion(rules["signals-silent"])["operator"]);
    }

    [Fact]
    public void Defaults_FireOnAnyPoisonMessageFailureOrStoppedChannel_AndOnRatesAboveTheirAllowance()
    {
        var rules = bicep.Dev.OfType(RuleType).ToDictionary(r => ((string)r["name"]!).Split("-oncall-")[1], StringComparer.Ordinal);
        (int Severity, int Threshold, string Window) Of(string name) =>
            ((int)rules[name]["properties"]!["severity"]!, (int)Criterion(rules[name])["threshold"]!, (string)rules[name]["properties"]!["windowSize"]!);

        Assert.Equal((2, 0, "PT15M"), Of("poison-queue-depth"));
        Assert.Equal((2, 0, "PT15M"), Of("orchestrations-failed"));
        Assert.Equal((2, 0, "PT60M"), Of("webhooks-stopped"));
        Assert.Equal((2, 0, "PT120M"), Of("order-flows-stuck"));
        Assert.Equal((1, 5, "PT15M"), Of("webhook-server-errors"));
        Assert.Equal((3, 25, "PT15M"), Of("webhook-unauthorized"));
        Assert.Equal((2, 1000, "PT15M"), Of("task-hub-backlog"));
    }

    [Fact]
    public void OperatorAlertsParameter_OverridesOneAlert_AndLeavesTheOthersAtTheirDefaults()
    {
        var probe = bicep.Probe.OfType(RuleType).ToDictionary(r => ((string)r["name"]!).Split("-oncall-")[1], StringComparer.Ordinal);
        var serverErrors = probe["webhook-server-errors"];
        Assert.Equal(0, (int)serverErrors["properties"]!["severity"]!);
        Assert.Equal(1, (int)Criterion(serverErrors)["threshold"]!);
        Assert.Equal("PT5M", (string?)serverErrors["properties"]!["windowSize"]);
        Assert.Equal(2, (int)probe["poison-queue-depth"]["properties"]!["severity"]!);
    }

    [Fact]
    public void ActionGroup_MailsTheAddressesGiven_AndNobodyByDefault()
    {
        var receivers = bicep.Probe.SingleOf(ActionGroupType)["properties"]!["emailReceivers"]!.AsArray();
        Assert.Equal(["oncall@example.test", "lead@example.test"], receivers.Select(r => (string)r!["emailAddress"]!));
        Assert.All(receivers, r => Assert.True((bool)r!["useCommonAlertSchema"]!));
        Assert.Empty(bicep.Dev.SingleOf(ActionGroupType)["properties"]!["emailReceivers"]!.AsArray());
    }

    [Fact]
    public void OpenBusinessAlertsGauge_IsOnTheSameExportedMeter()
    {
        // The product's open-alert gauge and the operator signals share one meter, the one the exporter is given.
        Assert.Equal(AlertMetrics.MeterName, OperatorSignalNames.MeterName);
    }

    private static JsonNode Criterion(JsonObject rule) => rule["properties"]!["criteria"]!["allOf"]![0]!;

    private static List<string> Dimensions(JsonObject rule) =>
        Criterion(rule)["dimensions"]!.AsArray().Select(d => (string)d!["name"]!).ToList();

    private static string SnapshotAppInsightsName(DeploymentSnapshot snapshot) =>
        (string)snapshot.SingleOf("Microsoft.Insights/components")["name"]!;
}
