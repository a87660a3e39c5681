using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ServerlessOps.Testing.BadInput;

/// <summary>
/// Sends one HTTP/1.1 request as raw bytes over a new loopback connection, header values exactly as given (CR, LF, NUL and
/// all): what an attacker's client sends and HttpClient refuses to. Reads the status line and the headers of the answer.
/// </summary>
public static class RawHttp
{
    public static async Task<(int Status, string ContentType, string Body)> SendAsync(Uri baseAddress, BadInputCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(call);
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, cancellationToken);
        await using var stream = client.GetStream();
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"POST {call.Path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nConnection: close\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {call.Body.Length}\r\n");
        if (call.ContentType is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: {call.ContentType}\r\n");
        }

        foreach (var (name, value) in call.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()), cancellationToken);
        await stream.WriteAsync(call.Body, cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync(cancellationToken);
        var statusLine = answer.Split("\r\n", 2)[0].Split(' ');
        var status = statusLine.Length > 1 && int.TryParse(statusLine[1], CultureInfo.InvariantCulture, out var code) ? code : 0;
        var contentType = answer.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?["Content-Type:".Length..].Trim() ?? string.Empty;
        var bodyStart = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, contentType, bodyStart < 0 ? string.Empty : answer[(bodyStart + 4)..]);
    }
}
