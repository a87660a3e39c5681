// Key Vault for the channel secrets (webhook secrets, previous secrets during rotation, access tokens).
// Access is by Azure RBAC only; the app reads secrets through App Service Key Vault references.

@description('Vault name: 3-24 letters, digits and dashes, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@description('Days a deleted secret or vault can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Forbid purging deleted secrets before the retention ends. Cannot be turned off again once on: use it in prod.')
param enablePurgeProtection bool = false

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The API accepts only true or absent for purge protection.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

@description('Vault name.')
output name string = vault.name

@description('Vault URI, e.g. https://kv.vault.azure.net/.')
output uri string = vault.properties.vaultUri
