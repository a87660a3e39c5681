namespace ServerlessOps.Infrastructure.Cosmos;

/// <summary>What a store was doing when the SDK failed: named in logs and in the exceptions callers see.</summary>
internal readonly record struct CosmosOperation(string Name, string Container, string PartitionKey, string? DocumentId = null)
{
    public override string ToString() =>
        DocumentId is null
            ? $"{Name} on {Container} (partition '{PartitionKey}')"
            : $"{Name} on {Container} (partition '{PartitionKey}', id '{DocumentId}')";
}
