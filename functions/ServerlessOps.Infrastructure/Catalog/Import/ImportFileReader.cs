using System.Text;
using ServerlessOps.Domain.Catalog.Import;

namespace ServerlessOps.Infrastructure.Catalog.Import;

/// <summary>Reads an import body as UTF-8 (a byte-order mark is allowed) in its format.</summary>
public static class ImportFileReader
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ImportFile Read(ReadOnlyMemory<byte> body, ImportFormat format, IReadOnlyList<string> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        string text;
        var bytes = body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body.Span[3..] : body.Span;
        try
        {
            text = _strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            // The index is into the bytes decoded, after the byte-order mark: count the line breaks there.
            var line = 1 + bytes[..Math.Clamp(e.Index, 0, bytes.Length)].Count((byte)'\n');
            return new ImportFile([], [new ImportError(line, null, "the file is not UTF-8; save it as UTF-8 (Excel: CSV UTF-8).")]);
        }

        if (format == ImportFormat.JsonLines)
        {
            return JsonLinesImportReader.Read(text, fields);
        }

        return CsvImportReader.Read(text, fields);
    }
}
