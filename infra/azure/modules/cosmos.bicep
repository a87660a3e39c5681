// Cosmos DB (NoSQL) account, the database and its containers as cosmos-containers.json defines them (the app
// creates the same ones on the local emulator from the same file).
// Keys are off (disableLocalAuth): the app reaches the data plane with its managed identity only, and
// the containers exist before the app starts because data-plane RBAC cannot create them.
import { cosmosContainers, cosmosIndexingPolicy, cosmosPartitionKeyPath } from '../settings.bicep'

@description('Account name: 3-44 lower-case letters, digits and dashes, globally unique.')
@minLength(3)
@maxLength(44)
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@description('Database name.')
param databaseName string

@description('Serverless (pay per request, the default) or provisioned autoscale throughput shared by the database.')
@allowed(['Serverless', 'ProvisionedAutoscale'])
param capacityMode string = 'Serverless'

@description('Autoscale maximum RU/s shared by all containers (only with ProvisionedAutoscale); it scales between 10% and this.')
@minValue(1000)
param autoscaleMaxThroughput int = 1000

@description('Spread the account over availability zones (not all regions offer it for serverless).')
param zoneRedundant bool = false

@description('Continuous backup tier: point-in-time restore to any second of the last 7 or 30 days (serverless and provisioned alike).')
@allowed(['Continuous7Days', 'Continuous30Days'])
param backupTier string = 'Continuous7Days'

var serverless = capacityMode == 'Serverless'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: zoneRedundant
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: serverless ? [{ name: 'EnableServerless' }] : []
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
    // Continuous rather than periodic: an order or ledger overwritten by mistake is restored to the second before it,
    // into a new account, without a support ticket (README.md, "Data protection").
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: backupTier
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    // Serverless accounts take no throughput settings at all.
    options: serverless ? {} : { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } }
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for container in cosmosContainers: {
    parent: database
    name: container.name
    properties: {
      // defaultTtl only where cosmos-containers.json gives one (-1: documents carrying a ttl expire, others never).
      resource: union(
        {
          id: container.name
          partitionKey: {
            paths: [cosmosPartitionKeyPath]
            kind: 'Hash'
            version: 2
          }
          indexingPolicy: union(
            cosmosIndexingPolicy,
            empty(container.compositeIndexes) ? {} : { compositeIndexes: container.compositeIndexes }
          )
        },
        contains(container, 'defaultTtl') ? { defaultTtl: container.defaultTtl } : {}
      )
    }
  }
]

@description('Account name, for the data-plane role assignment.')
output name string = account.name

@description('Account endpoint, e.g. https://acct.documents.azure.com:443/.')
output endpoint string = account.properties.documentEndpoint
