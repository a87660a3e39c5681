// Production: zone-redundant storage, one warm instance for webhooks, purge-protected Key Vault.
// Cosmos DB stays serverless until steady traffic makes provisioned autoscale cheaper; then set
// cosmosCapacityMode = 'ProvisionedAutoscale' and cosmosAutoscaleMaxThroughput (a new account is needed:
// the capacity mode of an existing account cannot be switched in place).
using '../main.bicep'

param environmentName = 'prod'
param tags = {
  costCenter: 'serverlessops'
}
param storageSkuName = 'Standard_ZRS'
param cosmosCapacityMode = 'Serverless'
param cosmosAutoscaleMaxThroughput = 4000
// A month of point-in-time restore for the source of truth; dev keeps the 7-day default.
param cosmosBackupTier = 'Continuous30Days'
param instanceMemoryMB = 2048
param maximumInstanceCount = 100
param alwaysReadyHttpInstances = 1
param keyVaultPurgeProtection = true

// Fill in the real brands before the first production deployment (see README.md, "Channel secrets").
param brands = []

// Who may call the API besides the marketplaces (README.md, "Who may call the API"): the app registration's
// client id turns App Service authentication on; each principal or group gets its brands here, its roles
// (Operations, Finance, Admin) in Entra. Left out, every route but the webhooks answers 401.
// param authClientId = '<app registration client id>'
// param accessPrincipals = [
//   { objectId: '<group object id>', brands: ['*'] }
// ]
