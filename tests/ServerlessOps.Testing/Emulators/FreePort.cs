using System.Net;
using System.Net.Sockets;

namespace ServerlessOps.Testing.Emulators;

/// <summary>Picks TCP ports on 127.0.0.1 that are free right now (the OS chooses them).</summary>
/// <remarks>
/// A port is released before the emulator binds it, so another process can take it in between;
/// the fixtures retry with fresh ports when the emulator exits early.
/// </remarks>
public static class FreePort
{
    /// <summary>One free loopback port.</summary>
    public static int Next() => Next(1)[0];

    /// <summary><paramref name="count"/> distinct free loopback ports (all held open together while picking).</summary>
    public static IReadOnlyList<int> Next(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
                listener.Dispose();
            }
        }
    }
}
