// ServerlessOps in one resource group: a Flex Consumption function app (.NET 10 isolated worker with the
// Durable Functions extension), its storage account, Cosmos DB, Key Vault, Log Analytics + Application
// Insights, a user-assigned managed identity, and App Service authentication with Entra ID.
// Deploy: az deployment group create -g <rg> -f infra/azure/main.bicep -p infra/azure/parameters/<env>.bicepparam
// (README.md, "Deploy to Azure").
import { appSettings, brand, cosmosDatabaseName, principalScope, webhookPaths } from 'settings.bicep'
import { operatorAlertSettings } from 'modules/alerts.bicep'

@description('Environment name, part of every resource name.')
@allowed(['dev', 'test', 'prod'])
param environmentName string

@description('Azure region (must offer Flex Consumption); defaults to the resource group\'s.')
param location string = resourceGroup().location

@description('Short workload name at the start of resource names: lower-case letters and digits.')
@minLength(2)
@maxLength(16)
param workloadName string = 'serverlessops'

@description('Tags for every resource.')
param tags object = {}

@description('Storage redundancy.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param storageSkuName string = 'Standard_LRS'

@description('Cosmos DB capacity: Serverless (default) or ProvisionedAutoscale with cosmosAutoscaleMaxThroughput.')
@allowed(['Serverless', 'ProvisionedAutoscale'])
param cosmosCapacityMode string = 'Serverless'

@description('Autoscale maximum RU/s shared by the database (ProvisionedAutoscale only).')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Memory per function app instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most function app instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Warm instances for HTTP triggers (0 = scale to zero).')
@minValue(0)
param alwaysReadyHttpInstances int = 0

@description('Spread the plan and the Cosmos DB account over availability zones.')
param zoneRedundant bool = false

@description('Key Vault purge protection (irreversible once on).')
param keyVaultPurgeProtection bool = false

@description('Object id of the person or pipeline allowed to write channel secrets (Key Vault Secrets Officer). Empty = none.')
param vaultWriterPrincipalId string = ''

@description('Principal type of vaultWriterPrincipalId.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param vaultWriterPrincipalType string = 'User'

@description('Durable Functions task hub name: letters and digits only, starting with a letter (3-45 characters). Queues and blob containers use it lower-cased, tables as written. The app reads it as DurableTaskHubName (host.json hubName; the standalone host reads the same setting).')
@minLength(3)
@maxLength(45)
param taskHubName string = 'serverlessops'

@description('Durable Functions partitions (control queues {hub}-control-00..NN; 1-16). The host reads it through AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount, the standalone host from the same name. Fixed for the life of a task hub: changing it for a live hub strands messages on the old queues.')
@minValue(1)
@maxValue(16)
param partitionCount int = 2

@description('Client id of the Entra app registration that callers get tokens for (App Service authentication). Empty = authentication off: the app then answers 401 on every route except the webhooks (README.md, "Who may call the API").')
param authClientId string = ''

@description('Entra tenant of that app registration; defaults to the deployment\'s tenant.')
param authTenantId string = tenant().tenantId

@description('Brand scope of Entra principals and groups: object id and brand ids (or [\'*\']). Their roles are the app roles assigned in Entra, not set here.')
param accessPrincipals principalScope[] = []

@description('Brands and their channel accounts; the secrets go into Key Vault (README.md), never here.')
param brands brand[] = []

@description('App settings that override or extend the defaults (no secrets: use Key Vault references).')
param appSettingsOverrides object = {}

@description('E-mail addresses the operator alerts go to (README.md, "Operator alerts"). Empty and no webhook: the alerts fire in the portal only.')
param alertEmailAddresses string[] = []

@secure()
@description('Webhook the operator alerts are posted to (on-call tool or chat; common alert schema). A secret: pass it at deployment, never in a parameters file. Empty = none.')
param alertWebhookUrl string = ''

@description('Severity, threshold and window of each operator alert, overriding the defaults in modules/alerts.bicep (README.md, "Operator alerts").')
param operatorAlerts operatorAlertSettings = {}

@description('Cosmos DB continuous backup tier: point-in-time restore to any second of the last 7 or 30 days.')
@allowed(['Continuous7Days', 'Continuous30Days'])
param cosmosBackupTier string = 'Continuous7Days'

@description('Days a processed raw delivery is kept (evidence for disputes and replays); past the channels\' retry windows (at most 72 h) it no longer serves de-duplication. At least 7.')
@minValue(7)
param rawDeliveriesProcessedDeleteAfterDays int = 90

@description('CanNotDelete locks on the storage account, Cosmos DB, Key Vault and Log Analytics (README.md, "Data protection"). Default: production only.')
param lockResources bool = environmentName == 'prod'

// Stable per resource group and environment, so a redeploy updates the same resources.
var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
var baseName = '${workloadName}-${environmentName}'
var allTags = union(tags, { workload: workloadName, environment: environmentName })
var deploymentContainerName = 'app-package'

// Names are known at compile time (not taken from module outputs) so What-If can predict every resource.
var names = {
  identity: 'id-${baseName}'
  logAnalytics: 'log-${baseName}-${token}'
  actionGroup: 'ag-${baseName}-oncall'
  appInsights: 'appi-${baseName}-${token}'
  // Storage names are global, 3-24 lower-case letters and digits: keep at least 9 characters of the token.
  storage: take('st${take(workloadName, 9)}${take(environmentName, 4)}${token}', 24)
  cosmos: 'cosmos-${baseName}-${token}'
  keyVault: take('kv-${environmentName}-${token}', 24)
  functionApp: '${baseName}-${token}'
  plan: 'plan-${baseName}-${token}'
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: allTags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: allTags
    skuName: storageSkuName
    deploymentContainerName: deploymentContainerName
    taskHubName: taskHubName
    partitionCount: partitionCount
    rawDeliveriesProcessedDeleteAfterDays: rawDeliveriesProcessedDeleteAfterDays
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    name: names.cosmos
    location: location
    tags: allTags
    databaseName: cosmosDatabaseName
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    zoneRedundant: zoneRedundant
    backupTier: cosmosBackupTier
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module roles 'modules/roleAssignments.bicep' = {
  name: 'roleAssignments'
  params: {
    identityName: names.identity
    principalId: identity.outputs.principalId
    storageAccountName: names.storage
    cosmosAccountName: names.cosmos
    keyVaultName: names.keyVault
    appInsightsName: names.appInsights
    vaultWriterPrincipalId: vaultWriterPrincipalId
    vaultWriterPrincipalType: vaultWriterPrincipalType
  }
  dependsOn: [storage, cosmos, keyVault, monitoring]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: allTags
    identityId: identity.outputs.id
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    zoneRedundant: zoneRedundant
    authClientId: authClientId
    authTenantId: authTenantId
    appSettings: appSettings({
      storageAccountName: storage.outputs.name
      blobServiceUri: storage.outputs.blobEndpoint
      queueServiceUri: storage.outputs.queueEndpoint
      tableServiceUri: storage.outputs.tableEndpoint
      identityClientId: identity.outputs.clientId
      cosmosEndpoint: cosmos.outputs.endpoint
      cosmosDatabaseName: cosmosDatabaseName
      appInsightsConnectionString: monitoring.outputs.connectionString
      keyVaultName: names.keyVault
      taskHubName: taskHubName
      partitionCount: partitionCount
      brands: brands
      principals: accessPrincipals
      overrides: appSettingsOverrides
    })
  }
  // The app starts pulling its package and reading secrets at once: grant the identity first.
  dependsOn: [roles]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    appInsightsName: names.appInsights
    actionGroupName: names.actionGroup
    location: location
    tags: allTags
    emailAddresses: alertEmailAddresses
    webhookUrl: alertWebhookUrl
    overrides: operatorAlerts
  }
  dependsOn: [monitoring]
}

module locks 'modules/locks.bicep' = if (lockResources) {
  name: 'locks'
  params: {
    storageAccountName: names.storage
    cosmosAccountName: names.cosmos
    keyVaultName: names.keyVault
    logAnalyticsName: names.logAnalytics
  }
  dependsOn: [storage, cosmos, keyVault, monitoring]
}

var hostName = functionApp.outputs.defaultHostName

@description('Function app name (for az functionapp deployment source config-zip).')
output functionAppName string = functionApp.outputs.name

@description('Default host name of the function app.')
output defaultHostName string = hostName

@description('Webhook URLs to register with each marketplace.')
output webhookUrls object = {
  shopify: 'https://${hostName}${webhookPaths.shopify}'
  amazon: 'https://${hostName}${webhookPaths.amazon}'
  walmart: 'https://${hostName}${webhookPaths.walmart}'
  tiktok: 'https://${hostName}${webhookPaths.tiktok}'
}

@description('Key Vault that holds the channel secrets.')
output keyVaultName string = keyVault.outputs.name

@description('Cosmos DB account endpoint.')
output cosmosEndpoint string = cosmos.outputs.endpoint

@description('Storage account name.')
output storageAccountName string = storage.outputs.name

@description('Client id of the app\'s managed identity.')
output identityClientId string = identity.outputs.clientId
