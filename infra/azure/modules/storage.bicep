// The storage account: Functions host storage, the deployment package container, the app's raw deliveries,
// reports and ingestion queues, and the durable task hub's queues, tables and containers.
// Shared keys are off: everything authenticates with Entra ID (the Flex Consumption deployment storage too).
import { storageLayout } from '../settings.bicep'

@description('Storage account name: 3-24 lower-case letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@description('Redundancy. Standard_LRS for dev; Standard_ZRS survives a zone outage.')
@allowed(['Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS'])
param skuName string = 'Standard_LRS'

@description('Blob container Flex Consumption deploys the app package to.')
param deploymentContainerName string

@description('Durable task hub name (tables keep its case; queues and containers use it lower-cased).')
param taskHubName string

@description('Durable control queue count.')
param partitionCount int

@description('Days raw deliveries stay hot before moving to the cool tier.')
param rawDeliveriesCoolAfterDays int = 35

@description('Days after which raw deliveries are deleted.')
param rawDeliveriesDeleteAfterDays int = 400

@description('Days after which a processed raw delivery (blob index tag state = Processed) is deleted; at least 7, past every channel\'s retry window.')
@minValue(7)
param rawDeliveriesProcessedDeleteAfterDays int = 90

var layout = storageLayout(taskHubName, partitionCount)

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    // No hierarchical namespace: the recovery sweep finds stranded raw deliveries through blob index tags,
    // which accounts with one do not support.
    isHnsEnabled: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [
  for containerName in layout.blobContainers: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = [
  for queueName in layout.queues: {
    parent: queueService
    name: queueName
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [
  for tableName in layout.tables: {
    parent: tableService
    name: tableName
  }
]

// Raw webhook bodies are evidence for disputes and replays: cheap to keep for a while, not forever.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'raw-deliveries-age-out'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['raw-deliveries/']
            }
            actions: {
              baseBlob: {
                tierToCool: {
                  daysAfterModificationGreaterThan: rawDeliveriesCoolAfterDays
                }
                delete: {
                  daysAfterModificationGreaterThan: rawDeliveriesDeleteAfterDays
                }
              }
            }
          }
        }
        {
          // A processed delivery's blob is its de-duplication record only while the channel may still retry it:
          // Shopify 4 h, EventBridge 24 h, TikTok's claimed 72 h at most (shared/channels/CHANNELS.md; de-dup keys kept
          // a week for margin). Past that it is evidence only: cool after 7 days, gone after the parameter. Received
          // (stranded) and Quarantined deliveries carry other tags, so they wait for a replay under the rule above.
          name: 'raw-deliveries-processed-expire'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: ['blockBlob']
              prefixMatch: ['raw-deliveries/']
              blobIndexMatch: [
                {
                  name: 'state'
                  op: '=='
                  value: 'Processed'
                }
              ]
            }
            actions: {
              baseBlob: {
                tierToCool: {
                  daysAfterModificationGreaterThan: 7
                }
                delete: {
                  daysAfterModificationGreaterThan: rawDeliveriesProcessedDeleteAfterDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [containers]
}

@description('Storage account name.')
output name string = account.name

@description('Blob endpoint, e.g. https://acct.blob.core.windows.net/.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue endpoint.')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Table endpoint.')
output tableEndpoint string = account.properties.primaryEndpoints.table

@description('URL of the deployment package container.')
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'
