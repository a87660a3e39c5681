// The user-assigned managed identity the function app, its host and its deployment storage authenticate with.
// User-assigned (not system-assigned) so role assignments exist before the app does and survive recreating it.

@description('Identity name.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id, for the app\'s identity list and the deployment storage authentication.')
output id string = identity.id

@description('Client id, for AzureWebJobsStorage__clientId, Storage__ClientId and Cosmos__ClientId.')
output clientId string = identity.properties.clientId

@description('Principal (object) id, for role assignments.')
output principalId string = identity.properties.principalId

@description('Identity name.')
output name string = identity.name
