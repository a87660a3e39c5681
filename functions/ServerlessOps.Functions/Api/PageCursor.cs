using System.Buffers.Text;
using System.Text;
using ServerlessOps.Domain.Paging;

namespace ServerlessOps.Functions.Api;

/// <summary>
/// The <c>?after=</c> cursor of a paged list: base64url of <c>v1\n{list}\n{sort key}\n{id}</c>. Opaque to clients (the
/// Link header carries it); the list name inside makes a cursor of another list a 400 instead of a wrong page.
/// </summary>
internal static class PageCursor
{
    private const string Version = "v1";

    public static string Encode(string listName, KeysetPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', Version, listName, position.SortKey, position.Id)));
    }

    /// <summary>False when <paramref name="cursor"/> is not base64url, not of this version, of another list, or has an empty part.</summary>
    public static bool TryDecode(string listName, string cursor, out KeysetPosition? position)
    {
        position = null;
        if (!Base64Url.IsValid(cursor, out var length) || length == 0)
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var parts = text.Split('\n');
        if (parts is not [Version, var list, var sortKey, var id] || list != listName || sortKey.Length == 0 || id.Length == 0)
        {
            return false;
        }

        position = new KeysetPosition(sortKey, id);
        return true;
    }
}
