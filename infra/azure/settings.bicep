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

  @description('Amazon only: header the EventBridge connection sends the secret in, e.g. x-serverlessops-key, or Authorization for Basic.')
  credentialHeader: string?

  @description('Walmart only: how Walmart authenticates its notifications.')
  authMethod: ('Header' | 'Basic' | 'Hmac' | 'Signature')?
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
// App settings of the function app
// ---------------------------------------------------------------------------------------------------

@export()
@description('What the app settings are made from: names and endpoints only, never a key.')
type appSettingsInput = {
  @description('Storage account (host storage and the app\'s queues, tables and blobs).')
  storageAccountName: string
  blobServiceUri: string
  queueServiceUri: string
  tableServiceUri: string

  @description('Client id of the user-assigned managed identity the app and the host authenticate with.')
  identityClientId: string

  @description('Cosmos DB account endpoint, e.g. https://acct.documents.azure.com:443/.')
  cosmosEndpoint: string

  @description('Cosmos DB database name.')
  cosmosDatabaseName: string

  @description('Application Insights connection string (ingestion endpoint and instrumentation key; not a credential).')
  appInsightsConnectionString: string

  @description('Key Vault holding the channel secrets.')
  keyVaultName: string

  @description('Durable task hub name.')
  taskHubName: string

  @description('Durable control queue count.')
  partitionCount: int

  brands: brand[]

  @description('Settings that override or extend the defaults (last wins), e.g. Ingestion__MaxBodyBytes.')
  overrides: object?
}

@export()
@description('Every app setting of the function app in Azure (the settings table in README.md lists them).')
func appSettings(input appSettingsInput) object => union(
  {
    // Functions host storage, identity-based: no AzureWebJobsStorage connection string exists.
    AzureWebJobsStorage__accountName: input.storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: input.identityClientId

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

    // Telemetry: the host authenticates to Application Insights with the identity.
    APPLICATIONINSIGHTS_CONNECTION_STRING: input.appInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${input.identityClientId}'

    // Ingestion.
    Ingestion__MaxBodyBytes: '1048576'
    Ingestion__RawContainer: 'raw-deliveries'
    Ingestion__QueueName: 'webhook-deliveries'
    Ingestion__MaxDequeueCount: '5'
    Ingestion__DedupRetentionDays: '7'

    // Durable runtime on the same storage account.
    Durable__TaskHubName: input.taskHubName
    Durable__AzureStorage__PartitionCount: string(input.partitionCount)
    Durable__AzureStorage__BlobServiceUri: input.blobServiceUri
    Durable__AzureStorage__QueueServiceUri: input.queueServiceUri
    Durable__AzureStorage__TableServiceUri: input.tableServiceUri
    Durable__AzureStorage__ManagedIdentityClientId: input.identityClientId

    // Outbound channel APIs.
    Channels__Amazon__BaseUrl: 'https://sellingpartnerapi-na.amazon.com'
    Channels__Walmart__BaseUrl: 'https://marketplace.walmartapis.com'
    Channels__TikTokShop__BaseUrl: 'https://open-api.tiktokglobalshop.com'
    Channels__Shopify__ApiVersion: '2026-10'
  },
  brandsSettings(input.keyVaultName, input.brands),
  input.?overrides ?? {}
)

// ---------------------------------------------------------------------------------------------------
// Storage and Cosmos DB layout
// ---------------------------------------------------------------------------------------------------

@export()
@description('Queues, tables and blob containers the app and the durable runtime use (queue and container names are lower case).')
func storageLayout(taskHubName string, partitionCount int) object => {
  blobContainers: [
    'raw-deliveries'
    'reports'
    '${toLower(taskHubName)}-largemessages'
    '${toLower(taskHubName)}-leases'
  ]
  queues: concat(
    [
      'webhook-deliveries'
      'webhook-deliveries-poison'
      '${toLower(taskHubName)}-workitems'
    ],
    map(range(0, partitionCount), i => '${toLower(taskHubName)}-control-${padLeft(string(i), 2, '0')}')
  )
  tables: [
    '${taskHubName}History'
    '${taskHubName}Instances'
  ]
}

@export()
@description('Cosmos DB containers: all partitioned on /pk (a synthetic value per container, see SETTINGS.md).')
var cosmosContainers = [
  { name: 'orders', compositeIndexes: [[{ path: '/pk', order: 'ascending' }, { path: '/orderDay', order: 'ascending' }, { path: '/placedAt', order: 'descending' }]] }
  { name: 'channelEvents', compositeIndexes: [] }
  { name: 'quarantine', compositeIndexes: [] }
  { name: 'inventoryEvents', compositeIndexes: [] }
  { name: 'priceChanges', compositeIndexes: [] }
  { name: 'leases', compositeIndexes: [] }
]

@export()
@description('Indexing policy of one container: consistent, everything indexed except raw payloads and line taxes.')
func cosmosIndexingPolicy(compositeIndexes array) object => union(
  {
    indexingMode: 'consistent'
    automatic: true
    includedPaths: [{ path: '/*' }]
    excludedPaths: [{ path: '/raw/*' }, { path: '/lines/*/taxes/*' }, { path: '/"_etag"/?' }]
  },
  empty(compositeIndexes) ? {} : { compositeIndexes: compositeIndexes }
)

@export()
@description('Marketplace webhook paths under the function app host name.')
var webhookPaths = {
  shopify: '/api/webhooks/shopify'
  amazon: '/api/webhooks/amazon'
  walmart: '/api/webhooks/walmart'
  tiktok: '/api/webhooks/tiktok'
}
