// The contract between the app and the infrastructure (brief/SETTINGS.md), as pure functions and values.
// main.bicep and the modules import from here; the infra tests evaluate the same functions offline with
// `bicep build-params`, so what they check is exactly what a deployment would set.

// ---------------------------------------------------------------------------------------------------
// Brands and channel accounts
// ---------------------------------------------------------------------------------------------------

@export()
@description('A marketplace the app ingests from; the value is what the app reads from Brands__{id}__Accounts__{n}__Channel.')
type channelName = 'Shopify' | 'Amazon' | 'Walmart' | 'TikTokShop'

@export()
@description('One seller account of a brand on one marketplace. Its secrets live in Key Vault, never here.')
type channelAccount = {
  @description('Marketplace of the account.')
  channel: channelName

  @description('Shopify shop domain, Amazon seller id, Walmart partner id or TikTok Shop shop id.')
  accountId: string

  @description('Key Vault also holds brand-{brandId}-{channel}-{n}-previous-secret (during a secret rotation). Default false.')
  hasPreviousSecret: bool?

  @description('Key Vault holds brand-{brandId}-{channel}-{n}-access-token for outbound API calls. Default false.')
  hasAccessToken: bool?

  @description('TikTok Shop only: the app key sent with each webhook (not a secret).')
  appKey: string?

  @description('TikTok Shop only: the shop_cipher of the shop, sent with every outbound Open API call (not a secret).')
  shopCipher: string?

  @description('Amazon: header the EventBridge connection sends the secret in, e.g. x-serverlessops-key, or Authorization for Basic. Walmart with authMethod Header: the header Walmart sends it in.')
  credentialHeader: string?

  @description('Walmart only: how Walmart authenticates its notifications.')
  authMethod: ('Header' | 'Basic' | 'Hmac' | 'Signature' | 'OAuth')?
}

@export()
@description('A brand the app serves, with its named owner and channel accounts.')
type brand = {
  @description('Brand id: lower-case letters, digits and dashes (it is part of Key Vault secret names).')
  @minLength(1)
  @maxLength(40)
  id: string

  @description('Name shown in reports.')
  displayName: string

  @description('E-mail address of the named owner of the brand.')
  owner: string

  @description('Channel accounts; n in the setting and secret names is the index in this list, from 0.')
  accounts: channelAccount[]
}

@export()
@description('Key Vault secret name of one channel account secret: brand-{brandId}-{channel}-{n}-{kind}.')
func channelSecretName(brandId string, channel string, index int, kind ('secret' | 'previous-secret' | 'access-token')) string =>
  'brand-${toLower(brandId)}-${toLower(channel)}-${index}-${kind}'

@export()
@description('App Service Key Vault reference to the current version of a secret (versionless, so a rotation is picked up).')
// The VaultName/SecretName form (equivalent to SecretUri=...) is cloud-independent and known at compile time.
func keyVaultReference(vaultName string, secretName string) string =>
  '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${secretName})'

func accountSettings(vaultName string, brandId string, account channelAccount, n int) object => union(
  {
    'Brands__${brandId}__Accounts__${n}__Channel': account.channel
    'Brands__${brandId}__Accounts__${n}__AccountId': account.accountId
    'Brands__${brandId}__Accounts__${n}__Secret': keyVaultReference(vaultName, channelSecretName(brandId, account.channel, n, 'secret'))
  },
  (account.?hasPreviousSecret ?? false)
    ? {
        'Brands__${brandId}__Accounts__${n}__PreviousSecret': keyVaultReference(vaultName, channelSecretName(brandId, account.channel, n, 'previous-secret'))
      }
    : {},
  (account.?hasAccessToken ?? false)
    ? {
        'Brands__${brandId}__Accounts__${n}__AccessToken': keyVaultReference(vaultName, channelSecretName(brandId, account.channel, n, 'access-token'))
      }
    : {},
  empty(account.?appKey ?? '') ? {} : { 'Brands__${brandId}__Accounts__${n}__AppKey': account.appKey! },
  empty(account.?shopCipher ?? '') ? {} : { 'Brands__${brandId}__Accounts__${n}__ShopCipher': account.shopCipher! },
  empty(account.?credentialHeader ?? '') ? {} : { 'Brands__${brandId}__Accounts__${n}__CredentialHeader': account.credentialHeader! },
  empty(account.?authMethod ?? '') ? {} : { 'Brands__${brandId}__Accounts__${n}__AuthMethod': account.authMethod! }
)

func brandSettings(vaultName string, b brand) object => reduce(
  range(0, length(b.accounts)),
  {
    'Brands__${b.id}__DisplayName': b.displayName
    'Brands__${b.id}__Owner': b.owner
  },
  (acc, n) => union(acc, accountSettings(vaultName, b.id, b.accounts[n], n))
)

@export()
@description('Brands__* app settings of all brands; every secret value is a Key Vault reference.')
func brandsSettings(vaultName string, brands brand[]) object =>
  reduce(brands, {}, (acc, b) => union(acc, brandSettings(vaultName, b)))

// ---------------------------------------------------------------------------------------------------
// Who may call the API (issue 14 item 6)
// ---------------------------------------------------------------------------------------------------

@export()
@description('The brands one Entra principal (user, service principal) or every member of one Entra group may see.')
type principalScope = {
  @description('Object id of the user, service principal or group.')
  objectId: string

  @description('Brand ids the principal may see, or [\'*\'] for every brand.')
  @minLength(1)
  brands: string[]
}

@export()
@description('Access__Principals__{n}__ObjectId/Brands settings (brands as the comma list the app parses). Roles come from the token\'s app roles, never from here.')
func accessSettings(principals principalScope[]) object => reduce(
  range(0, length(principals)),
  {},
  (acc, n) => union(acc, {
    'Access__Principals__${n}__ObjectId': principals[n].objectId
    'Access__Principals__${n}__Brands': join(principals[n].brands, ',')
  })
)

// ---------------------------------------------------------------------------------------------------
// App settings of the function app
// ---------------------------------------------------------------------------------------------------

@export()
@description('What the app settings are made from: names and endpoints only, never a key.')
type appSettingsInput = {
  @description('Storage account (host storage, the task hub and the app\'s queues, tables and blobs).')
  storageAccountName: string
  blobServiceUri: string
  queueServiceUri: string
  tableServiceUri: string

  @description('Client id of the user-assigned managed identity the app and the host authenticate with.')
  identityClientId: string

  @description('Cosmos DB account endpoint, e.g. https://acct.documents.azure.com:443/.')
  cosmosEndpoint: string

  @description('Cosmos DB database name (cosmosDatabaseName).')
  cosmosDatabaseName: string

  @description('Application Insights connection string (ingestion endpoint and instrumentation key; not a credential).')
  appInsightsConnectionString: string

  @description('Key Vault holding the channel secrets.')
  keyVaultName: string

  @description('Durable Functions task hub name.')
  taskHubName: string

  @description('Durable Functions partition (control queue) count.')
  partitionCount: int

  brands: brand[]

  @description('Brand scopes of Entra principals and groups.')
  principals: principalScope[]

  @description('Settings that override or extend the defaults (last wins), e.g. Ingestion__MaxBodyBytes.')
  overrides: object?
}

@export()
@description('Every app setting of the function app in Azure (the settings table in README.md lists them, with who reads each).')
func appSettings(input appSettingsInput) object => union(
  {
    // Functions host storage, identity-based: no AzureWebJobsStorage connection string exists. The host's
    // timers and the Durable extension use it (host.json storageProvider.connectionName = AzureWebJobsStorage).
    AzureWebJobsStorage__accountName: input.storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: input.identityClientId

    // The Durable extension's task hub: host.json says "hubName": "%DurableTaskHubName%"; the standalone
    // host reads the same two names, so a local run and Azure agree on queue and table names.
    DurableTaskHubName: input.taskHubName
    AzureFunctionsJobHost__extensions__durableTask__storageProvider__partitionCount: string(input.partitionCount)

    // The app's storage, and the `Storage` connection the queue triggers name. Setting names are
    // case-insensitive in App Service and in .NET configuration, so Storage__QueueServiceUri also serves
    // the host's Storage__queueServiceUri (a second spelling would be the same setting).
    Storage__BlobServiceUri: input.blobServiceUri
    Storage__QueueServiceUri: input.queueServiceUri
    Storage__TableServiceUri: input.tableServiceUri
    Storage__ClientId: input.identityClientId
    Storage__credential: 'managedidentity'

    // Cosmos DB with Entra ID (the account has local auth disabled).
    Cosmos__AccountEndpoint: input.cosmosEndpoint
    Cosmos__ClientId: input.identityClientId
    Cosmos__DatabaseName: input.cosmosDatabaseName
    // Data-plane RBAC cannot create databases or containers: Bicep creates them.
    Cosmos__CreateIfMissing: 'false'
    Cosmos__AcceptEmulatorCertificate: 'false'

    // Telemetry with Entra ID only (Application Insights has local auth off): the host reads the
    // authentication string; the app's exporter authenticates with the same identity (its client id is in it).
    APPLICATIONINSIGHTS_CONNECTION_STRING: input.appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${input.identityClientId}'

    // Ingestion (Ingestion__MaxDequeueCount equals host.json extensions.queues.maxDequeueCount).
    Ingestion__MaxBodyBytes: '1048576'
    Ingestion__RawContainer: 'raw-deliveries'
    Ingestion__QueueName: 'webhook-deliveries'
    Ingestion__MaxDequeueCount: '5'

    // Business alerts: the queue SendAlertNotification names (%Alerts:QueueName%, resolved by the host from app
    // settings, so it must be set here); no chat webhook by default (alerts are recorded, not sent). Its URL holds a
    // secret: set it through appSettingsOverrides as a Key Vault reference,
    // '@Microsoft.KeyVault(VaultName=<vault>;SecretName=alerts-webhook-url)'.
    Alerts__QueueName: 'alert-notifications'
    Alerts__WebhookUrl: ''

    // Available-to-sell pushes: the queue PushInventory names (%InventoryPush:QueueName%, resolved by the host from
    // app settings, so it must be set here).
    InventoryPush__QueueName: 'inventory-push'

    // Brand registry (Cosmos container registry): only Key Vault references are accepted for secrets; the settings
    // seed refers to this vault's secrets by the channelSecretName convention above; the identity reads them.
    Registry__AllowLocalSecrets: 'false'
    Registry__KeyVaultUri: 'https://${input.keyVaultName}${environment().suffixes.keyvaultDns}/'
    Registry__ClientId: input.identityClientId

    // Connecting channel accounts (ChannelApps): no marketplace app by default, so connections answer 409 naming the
    // missing setting and accounts keep working with entered access tokens. To offer a channel, set its ids here through
    // appSettingsOverrides and its secret as a Key Vault reference to this vault:
    // ChannelApps__Shopify__ClientSecret = '@Microsoft.KeyVault(VaultName=<vault>;SecretName=channel-app-shopify-client-secret)',
    // ChannelApps__Amazon__ClientSecret (channel-app-amazon-client-secret), ChannelApps__TikTokShop__AppSecret
    // (channel-app-tiktokshop-app-secret). PublicBaseUrl empty = the address the admin's start request came to.
    ChannelApps__PublicBaseUrl: ''
    ChannelApps__Shopify__ClientId: ''
    ChannelApps__Amazon__ClientId: ''
    ChannelApps__Amazon__ApplicationId: ''
    ChannelApps__TikTokShop__AppKey: ''
    ChannelApps__TikTokShop__ServiceId: ''

    // Outbound channel APIs.
    Channels__Amazon__BaseUrl: 'https://sellingpartnerapi-na.amazon.com'
    Channels__Walmart__BaseUrl: 'https://marketplace.walmartapis.com'
    Channels__TikTokShop__BaseUrl: 'https://open-api.tiktokglobalshop.com'
    // The daily settlement import (Infrastructure/Settlements): on in Azure, reading three weeks of payouts.
    Settlements__TimerEnabled: 'true'
    Settlements__Lookback: '21.00:00:00'
  },
  brandsSettings(input.keyVaultName, input.brands),
  accessSettings(input.principals),
  input.?overrides ?? {}
)

// ---------------------------------------------------------------------------------------------------
// Storage and Cosmos DB layout
// ---------------------------------------------------------------------------------------------------

@export()
@description('Queues, tables and blob containers the app and its Durable Functions task hub use, named as DurableTask.AzureStorage names them: queues and containers after the hub name lower-cased, tables after it as written.')
func storageLayout(taskHubName string, partitionCount int) object => {
  blobContainers: [
    'raw-deliveries'
    'reports'
    // Payloads too large for a queue message or a table row.
    '${toLower(taskHubName)}-largemessages'
    // Partition leases of the blob partition manager (used when useTablePartitionManagement is false).
    '${toLower(taskHubName)}-leases'
    // The app lease every task hub creates at start, whether or not app leases are on.
    '${toLower(taskHubName)}-applease'
  ]
  queues: concat(
    [
      'webhook-deliveries'
      'webhook-deliveries-poison'
      'alert-notifications'
      'alert-notifications-poison'
      'inventory-push'
      'inventory-push-poison'
      '${toLower(taskHubName)}-workitems'
    ],
    map(range(0, partitionCount), i => '${toLower(taskHubName)}-control-${padLeft(string(i), 2, '0')}')
  )
  tables: [
    '${taskHubName}History'
    '${taskHubName}Instances'
    // Partition ownership of the table partition manager (the default since Durable Functions 3.0).
    '${taskHubName}Partitions'
  ]
}

// The app embeds the same file (ServerlessOps.Infrastructure.csproj) to create the containers on the emulator.
var cosmosDefinition = loadJsonContent('cosmos-containers.json')

@export()
@description('Cosmos DB database name (cosmos-containers.json).')
var cosmosDatabaseName = cosmosDefinition.databaseName

@export()
@description('Partition key path of every container (cosmos-containers.json).')
var cosmosPartitionKeyPath = cosmosDefinition.partitionKeyPath

@export()
@description('Cosmos DB containers and their composite indexes (cosmos-containers.json).')
var cosmosContainers = cosmosDefinition.containers

@export()
@description('Indexing policy every container shares (cosmos-containers.json); cosmos.bicep adds each container\'s composite indexes.')
var cosmosIndexingPolicy = cosmosDefinition.indexingPolicy

@export()
@description('Marketplace webhook paths under the function app host name.')
var webhookPaths = {
  shopify: '/api/webhooks/shopify'
  amazon: '/api/webhooks/amazon'
  walmart: '/api/webhooks/walmart'
  tiktok: '/api/webhooks/tiktok'
}
