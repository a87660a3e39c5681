namespace ServerlessOps.Durable.AzureStorage.Http;

/// <summary>The storage service a counted request went to.</summary>
internal enum StorageService
{
    Table,
    Queue,
    Blob,
}
