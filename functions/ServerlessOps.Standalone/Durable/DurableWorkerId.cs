using System.Globalization;
using System.Security.Cryptography;

namespace ServerlessOps.Standalone.Durable;

/// <summary>
/// Names this process among a task hub's workers. The engine defaults to the machine name, so two processes on one
/// machine would each believe they hold every partition lease; machine + process id + a random part cannot collide,
/// even when a restarted process gets a recycled id while its predecessor's leases are still live.
/// </summary>
internal static class DurableWorkerId
{
    public static string Create() =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
}
