// Log Analytics workspace and workspace-based Application Insights.

@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Days Log Analytics keeps data (30 is included in the price).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    // Telemetry only with an Entra ID token: the instrumentation key in the connection string identifies
    // the component but cannot write to it. The host (APPLICATIONINSIGHTS_AUTHENTICATION_STRING) and the
    // app's exporter send the managed identity's token; the identity is Monitoring Metrics Publisher here.
    DisableLocalAuth: true
  }
}

@description('Application Insights resource name, for the Monitoring Metrics Publisher role assignment.')
output appInsightsName string = appInsights.name

@description('Connection string: ingestion endpoint and instrumentation key, which identifies but does not authenticate.')
output connectionString string = appInsights.properties.ConnectionString
