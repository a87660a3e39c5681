// The function app: Flex Consumption (FC1, Linux) running the .NET 10 isolated worker with the Durable
// Functions extension, behind App Service authentication (Entra ID).
// The package is fetched from a blob container with the user-assigned identity; host storage, the task hub,
// the app's storage, Cosmos DB and Key Vault references all use the same identity. No key appears in any setting.

@description('Function app name (the default host name starts with it).')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('URL of the blob container holding the deployment package.')
param deploymentContainerUrl string

@description('App settings (settings.bicep appSettings()).')
param appSettings object

@description('Memory per instance in MB. 2048 is the default size; 512 is cheaper for light loads, 4096 for heavy ones.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to (the plan bills only for what runs).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Concurrent HTTP requests per instance before the platform adds one.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 16

@description('Instances kept warm for HTTP triggers (0 = scale to zero; 1 avoids cold starts on webhooks, at a cost).')
@minValue(0)
param alwaysReadyHttpInstances int = 0

@description('Spread the plan over availability zones.')
param zoneRedundant bool = false

@description('Client id of the Entra app registration callers get tokens for. Empty = App Service authentication off.')
param authClientId string = ''

@description('Entra tenant id of the app registration.')
param authTenantId string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true // Linux
    zoneRedundant: zoneRedundant
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    // Key Vault references resolve with the user-assigned identity, not a system-assigned one.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
        alwaysReady: alwaysReadyHttpInstances > 0 ? [{ name: 'http', instanceCount: alwaysReadyHttpInstances }] : []
      }
      // The isolated worker: the Functions host starts ServerlessOps.Functions.dll (worker.config.json) on
      // .NET 10. On Flex Consumption the runtime is declared here; FUNCTIONS_WORKER_RUNTIME is not an app setting.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Set as a separate resource so an app-settings change is one small PUT of the whole list.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: appSettings
}

// App Service authentication validates Entra ID bearer tokens and passes the caller to the app in
// X-MS-CLIENT-PRINCIPAL (the platform strips any such header a client sends). AllowAnonymous: the
// marketplaces call /api/webhooks/* without a token (the app checks their signatures), and the app itself
// answers 401/403 on every other route by the caller's app roles and brand scope. The app trusts the header
// only where the platform says authentication is on (WEBSITE_AUTH_ENABLED), so a host without this
// resource is closed, not open.
resource authSettings 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(authClientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          // v2.0 issuer: the app registration is set to issue v2 access tokens (README.md).
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
          clientId: authClientId
        }
        validation: {
          // v2 tokens carry the client id as audience; the App ID URI covers callers that ask for api://{client id}.
          allowedAudiences: [
            authClientId
            'api://${authClientId}'
          ]
        }
      }
    }
    login: {
      // An API validates bearer tokens: there is no browser session whose tokens need keeping.
      tokenStore: {
        enabled: false
      }
    }
  }
}

// Publishing with basic credentials (FTP and SCM) is off: deploy with an Entra ID token (az CLI does).
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Function app name.')
output name string = site.name

@description('Default host name, e.g. serverlessops-dev-abc.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName
