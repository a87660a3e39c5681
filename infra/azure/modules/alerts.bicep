// The on-call engineer's alerts (issue 18 item 8): an action group and one scheduled query rule per operator signal,
// each over the app's own metrics in Application Insights' customMetrics table (the names are those of
// functions/ServerlessOps.Infrastructure/Telemetry/OperatorSignalNames.cs; its README.md says who emits each). The
// platform's queue metrics are account-wide and hourly, so the depths are gauges the app samples every 5 minutes.
// README.md, "Operator alerts", says what each rule means and what to check first.

@export()
@description('One alert\'s severity (0 critical to 4 verbose), threshold (it fires when the value is above it, or below it for signals-silent) and look-back window in minutes.')
type alertSetting = {
  @minValue(0)
  @maxValue(4)
  severity: int
  threshold: int
  @minValue(5)
  @maxValue(1440)
  windowMinutes: int
}

@export()
@description('Overrides of the operator alerts\' defaults, by alert; an alert left out keeps its default.')
type operatorAlertSettings = {
  poisonQueueDepth: alertSetting?
  quarantineGrowth: alertSetting?
  webhookUnauthorized: alertSetting?
  webhookServerErrors: alertSetting?
  cosmosThrottled: alertSetting?
  webhooksStopped: alertSetting?
  orchestrationsFailed: alertSetting?
  orderFlowsStuck: alertSetting?
  taskHubBacklog: alertSetting?
  signalsSilent: alertSetting?
}

@description('Application Insights component the app exports its metrics to.')
param appInsightsName string

@description('Action group name.')
param actionGroupName string

@description('Azure region of the alert rules (the component\'s).')
param location string

@description('Tags for the resources.')
param tags object

@description('E-mail addresses the alerts go to.')
param emailAddresses string[]

@secure()
@description('Webhook the alerts are posted to (common alert schema); empty = none.')
param webhookUrl string

@description('Overrides of the defaults below.')
param overrides operatorAlertSettings

// Defaults: anything in a poison queue, a failed orchestration, a stuck flow or a stopped channel is worth a look at
// once; the rates allow the odd forged or retried request; the backlog allows a burst that drains within the window.
var defaults = {
  poisonQueueDepth: { severity: 2, threshold: 0, windowMinutes: 15 }
  quarantineGrowth: { severity: 3, threshold: 10, windowMinutes: 60 }
  webhookUnauthorized: { severity: 3, threshold: 25, windowMinutes: 15 }
  webhookServerErrors: { severity: 1, threshold: 5, windowMinutes: 15 }
  cosmosThrottled: { severity: 2, threshold: 10, windowMinutes: 15 }
  webhooksStopped: { severity: 2, threshold: 0, windowMinutes: 60 }
  orchestrationsFailed: { severity: 2, threshold: 0, windowMinutes: 15 }
  orderFlowsStuck: { severity: 2, threshold: 0, windowMinutes: 120 }
  taskHubBacklog: { severity: 2, threshold: 1000, windowMinutes: 15 }
  signalsSilent: { severity: 2, threshold: 1, windowMinutes: 30 }
}

var settings = union(defaults, overrides)

// Gauges: the highest value in the window; counters: the sum of their deltas; the backlog: the lowest depth in the
// window, so only a backlog that never drained below the threshold fires. Kusto's parser rejects first, last, earliest and
// latest as column names (keywords), so the quarantine rule names its ends openAtStart/openAtEnd; every query is checked by
// Kusto.Language in tests/ServerlessOps.Infra.Tests/Bicep/OperatorAlertQueriesTests.cs.
var rules = [
  {
    key: 'poisonQueueDepth'
    name: 'poison-queue-depth'
    title: 'Messages in a poison queue'
    query: 'customMetrics | where name == "serverlessops.queue.poison.depth" | extend queue = tostring(customDimensions["queue"]) | summarize value = max(valueMax) by queue'
    dimensions: ['queue']
    operator: 'GreaterThan'
  }
  {
    key: 'quarantineGrowth'
    name: 'quarantine-growth'
    title: 'Quarantine growing'
    query: 'customMetrics | where name == "serverlessops.quarantine.open" | extend brand = tostring(customDimensions["brand"]) | summarize (startAt, openAtStart) = arg_min(timestamp, valueMax), (endAt, openAtEnd) = arg_max(timestamp, valueMax) by brand | extend value = openAtEnd - openAtStart'
    dimensions: ['brand']
    operator: 'GreaterThan'
  }
  {
    key: 'webhookUnauthorized'
    name: 'webhook-unauthorized'
    title: 'Webhooks answered 401'
    query: 'customMetrics | where name == "serverlessops.webhooks.unauthorized" | extend channel = tostring(customDimensions["channel"]) | summarize value = sum(valueSum) by channel'
    dimensions: ['channel']
    operator: 'GreaterThan'
  }
  {
    key: 'webhookServerErrors'
    name: 'webhook-server-errors'
    title: 'Webhooks answered 5xx'
    query: 'customMetrics | where name == "serverlessops.webhooks.server_errors" | extend channel = tostring(customDimensions["channel"]) | summarize value = sum(valueSum) by channel'
    dimensions: ['channel']
    operator: 'GreaterThan'
  }
  {
    key: 'cosmosThrottled'
    name: 'cosmos-throttled'
    title: 'Cosmos DB throttling past the SDK retries'
    query: 'customMetrics | where name == "serverlessops.cosmos.throttled" | summarize value = sum(valueSum)'
    dimensions: []
    operator: 'GreaterThan'
  }
  {
    key: 'webhooksStopped'
    name: 'webhooks-stopped'
    title: 'A channel\'s webhooks stopped arriving'
    query: 'customMetrics | where name == "serverlessops.webhooks.stopped" | extend brand = tostring(customDimensions["brand"]), channel = tostring(customDimensions["channel"]), account = tostring(customDimensions["account"]) | summarize value = max(valueMax) by brand, channel, account'
    dimensions: ['brand', 'channel', 'account']
    operator: 'GreaterThan'
  }
  {
    key: 'orchestrationsFailed'
    name: 'orchestrations-failed'
    title: 'Orchestrations failed'
    query: 'customMetrics | where name == "serverlessops.orchestrations.failed" | extend orchestration = tostring(customDimensions["orchestration"]) | summarize value = max(valueMax) by orchestration'
    dimensions: ['orchestration']
    operator: 'GreaterThan'
  }
  {
    key: 'orderFlowsStuck'
    name: 'order-flows-stuck'
    title: 'Order flows stuck'
    query: 'customMetrics | where name == "serverlessops.orderflows.stuck" | extend brand = tostring(customDimensions["brand"]) | summarize value = max(valueMax) by brand'
    dimensions: ['brand']
    operator: 'GreaterThan'
  }
  {
    key: 'taskHubBacklog'
    name: 'task-hub-backlog'
    title: 'Durable task hub backlog not draining'
    query: 'customMetrics | where name == "serverlessops.taskhub.backlog" | extend queue = tostring(customDimensions["queue"]) | summarize value = min(valueMin) by queue'
    dimensions: ['queue']
    operator: 'GreaterThan'
  }
  {
    key: 'signalsSilent'
    name: 'signals-silent'
    title: 'Operator signals not sampled'
    query: 'customMetrics | where name == "serverlessops.queue.poison.depth" | summarize value = count()'
    dimensions: []
    operator: 'LessThan'
  }
]

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'Global'
  tags: tags
  properties: {
    groupShortName: 'so-oncall'
    enabled: true
    emailReceivers: [
      for (address, i) in emailAddresses: {
        name: 'email-${i}'
        emailAddress: address
        useCommonAlertSchema: true
      }
    ]
    webhookReceivers: empty(webhookUrl)
      ? []
      : [
          {
            name: 'webhook'
            serviceUri: webhookUrl
            useCommonAlertSchema: true
          }
        ]
  }
}

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: '${actionGroupName}-${rule.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.title
      description: 'ServerlessOps operator alert ${rule.name}: infra/azure/README.md, "Operator alerts", says what it means and what to check first.'
      severity: settings[rule.key].severity
      enabled: true
      evaluationFrequency: 'PT5M'
      windowSize: 'PT${settings[rule.key].windowMinutes}M'
      scopes: [appInsights.id]
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Maximum'
            metricMeasureColumn: 'value'
            dimensions: [for dimension in rule.dimensions: { name: dimension, operator: 'Include', values: ['*'] }]
            operator: rule.operator
            threshold: settings[rule.key].threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [actionGroup.id]
      }
    }
  }
]

@description('Action group id.')
output actionGroupId string = actionGroup.id
