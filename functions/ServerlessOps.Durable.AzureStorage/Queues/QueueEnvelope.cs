using System.Text.Json.Serialization;
using ServerlessOps.Durable.Backend;

namespace ServerlessOps.Durable.AzureStorage.Queues;

/// <summary>
/// The JSON body of every queue message (base64-encoded on the wire, as the DF Storage provider does).
/// Either <see cref="Message"/> is inline, or, when the message would exceed the 64 KiB queue limit,
/// <see cref="BlobName"/> points at the gzip'd message in <c>{hub}-largemessages</c>.
/// </summary>
internal sealed record QueueEnvelope
{
    /// <summary>The task message's id, repeated outside the payload so duplicates are found without a download.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The target instance id, repeated for the same reason.</summary>
    [JsonPropertyName("i")]
    public required string InstanceId { get; init; }

    /// <summary>The message, unless offloaded.</summary>
    [JsonPropertyName("m")]
    public TaskMessage? Message { get; init; }

    /// <summary>The blob holding the message, when offloaded.</summary>
    [JsonPropertyName("b")]
    public string? BlobName { get; init; }

    /// <summary>Not to be processed before this time, UTC: a timer beyond the queue's longest delay is re-armed until then.</summary>
    [JsonPropertyName("d")]
    public DateTime? DeliverAt { get; init; }
}
