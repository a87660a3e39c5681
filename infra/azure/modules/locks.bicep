// CanNotDelete locks on the resources that hold data (production only: main.bicep's lockResources). A lock stops a
// delete through ARM (the portal, az, a mistaken deployment in complete mode); it changes nothing on the data plane,
// so the app reads and writes as before. Remove a lock deliberately before tearing an environment down.

@description('Storage account name (raw deliveries, reports, queues, task hub).')
param storageAccountName string

@description('Cosmos DB account name (the source of truth).')
param cosmosAccountName string

@description('Key Vault name (channel secrets).')
param keyVaultName string

@description('Log Analytics workspace name (telemetry and audit history).')
param logAnalyticsName string

var notes = 'ServerlessOps production data: remove this lock deliberately before deleting (infra/azure/README.md, "Data protection").'

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource storageLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'do-not-delete'
  scope: storage
  properties: {
    level: 'CanNotDelete'
    notes: notes
  }
}

resource cosmosLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'do-not-delete'
  scope: cosmos
  properties: {
    level: 'CanNotDelete'
    notes: notes
  }
}

resource vaultLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'do-not-delete'
  scope: vault
  properties: {
    level: 'CanNotDelete'
    notes: notes
  }
}

resource workspaceLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'do-not-delete'
  scope: workspace
  properties: {
    level: 'CanNotDelete'
    notes: notes
  }
}
