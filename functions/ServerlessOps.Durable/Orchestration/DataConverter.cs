namespace ServerlessOps.Durable.Orchestration;

/// <summary>
/// Turns inputs, outputs, event payloads and custom status into the strings stored in history and back.
/// The same converter must be used by every client and worker of a task hub.
/// </summary>
public abstract class DataConverter
{
    /// <summary>Serialises <paramref name="value"/>; <see langword="null"/> stays <see langword="null"/>.</summary>
    /// <param name="value">The value to serialise.</param>
    /// <returns>The serialised text, or <see langword="null"/>.</returns>
    public abstract string? Serialize(object? value);

    /// <summary>Deserialises <paramref name="data"/> into <paramref name="targetType"/>;
    /// <see langword="null"/> gives <see langword="null"/>.</summary>
    /// <param name="data">Text produced by <see cref="Serialize"/>.</param>
    /// <param name="targetType">The type to produce.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public abstract object? Deserialize(string? data, Type targetType);

    /// <summary>Typed form of <see cref="Deserialize(string?, Type)"/>.</summary>
    /// <typeparam name="T">The type to produce.</typeparam>
    /// <param name="data">Text produced by <see cref="Serialize"/>.</param>
    /// <returns>The value, or default.</returns>
    public virtual T? Deserialize<T>(string? data) => Deserialize(data, typeof(T)) is T value ? value : default;
}
