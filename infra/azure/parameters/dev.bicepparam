// Development: smallest footprint, scale to zero, serverless Cosmos DB, no purge protection.
using '../main.bicep'

param environmentName = 'dev'
param tags = {
  costCenter: 'serverlessops-dev'
}
param storageSkuName = 'Standard_LRS'
param cosmosCapacityMode = 'Serverless'
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param alwaysReadyHttpInstances = 0
param keyVaultPurgeProtection = false

// One example brand. Its secrets go into Key Vault under the names the README lists, e.g.
// brand-acme-shopify-0-secret; nothing secret belongs in this file.
param brands = [
  {
    id: 'acme'
    displayName: 'Acme Outdoor'
    owner: 'owner@acme.example'
    accounts: [
      { channel: 'Shopify', accountId: 'acme-outdoor.myshopify.com' }
      { channel: 'Amazon', accountId: 'A1ACMESELLER', credentialHeader: 'x-serverlessops-key' }
      { channel: 'Walmart', accountId: '10001234', authMethod: 'Header' }
      { channel: 'TikTokShop', accountId: '7490000000000000001', appKey: 'acme-app-key', shopCipher: 'TTP_ACMEEXAMPLE' }
    ]
  }
]

// Who may call the API besides the marketplaces (README.md, "Who may call the API"): the app registration's
// client id turns App Service authentication on; each principal or group gets its brands here, its roles
// (Operations, Finance, Admin) in Entra. Left out, every route but the webhooks answers 401.
// param authClientId = '<app registration client id>'
// param accessPrincipals = [
//   { objectId: '<group object id>', brands: ['*'] }
// ]
