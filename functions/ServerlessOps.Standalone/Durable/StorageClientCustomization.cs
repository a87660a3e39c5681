using Azure.Core;

namespace ServerlessOps.Standalone.Durable;

/// <summary>One adjustment applied to every storage client's options the engine creates.</summary>
internal sealed record StorageClientCustomization(Action<ClientOptions> Configure);
