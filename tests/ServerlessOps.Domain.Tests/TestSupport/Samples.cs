using System.Text;
using ServerlessOps.Testing;

namespace ServerlessOps.Domain.Tests.TestSupport;

/// <summary>Sample payloads from shared/channels/samples, always as the raw bytes on disk (the vectors hash those bytes).</summary>
internal static class Samples
{
    public static byte[] Bytes(string fileName) => File.ReadAllBytes(RepositoryPaths.ChannelSample(fileName));

    /// <summary>The sample with the first occurrence of <paramref name="find"/> replaced, byte for byte elsewhere.</summary>
    public static byte[] Tampered(string fileName, string find, string replacement)
    {
        var bytes = Bytes(fileName);
        var needle = Encoding.UTF8.GetBytes(find);
        var index = bytes.AsSpan().IndexOf(needle);
        if (index < 0)
        {
            throw new InvalidOperationException($"'{find}' not found in {fileName}.");
        }

        return [.. bytes.AsSpan(0, index), .. Encoding.UTF8.GetBytes(replacement), .. bytes.AsSpan(index + needle.Length)];
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
