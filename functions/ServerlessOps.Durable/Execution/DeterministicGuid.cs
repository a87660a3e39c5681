using System.Security.Cryptography;
using System.Text;

namespace ServerlessOps.Durable.Execution;

/// <summary>Name-based UUIDs (RFC 4122 version 5, SHA-1), as durabletask-dotnet's <c>NewGuid</c>.</summary>
internal static class DeterministicGuid
{
    /// <summary>The namespace durabletask-dotnet uses for orchestration GUIDs.</summary>
    public static readonly Guid OrchestrationNamespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    /// <summary>Creates the version-5 UUID of <paramref name="name"/> in <paramref name="namespaceId"/>.</summary>
    public static Guid Create(Guid namespaceId, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var namespaceBytes = namespaceId.ToByteArray(bigEndian: true);
        var data = new byte[namespaceBytes.Length + nameBytes.Length];
        namespaceBytes.CopyTo(data, 0);
        nameBytes.CopyTo(data, namespaceBytes.Length);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 specifies; this is an identifier, not a security hash.
        var hash = SHA1.HashData(data);
#pragma warning restore CA5350
        var guid = hash.AsSpan(0, 16).ToArray();
        guid[6] = (byte)((guid[6] & 0x0F) | 0x50);
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid, bigEndian: true);
    }
}
