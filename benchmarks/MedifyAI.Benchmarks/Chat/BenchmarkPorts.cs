using System.Net;
using System.Net.Sockets;

namespace MedifyAI.Benchmarks.Chat;

/// <summary>Free loopback ports for servers the benchmarks start.</summary>
internal static class BenchmarkPorts
{
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(listener => listener.Start());
        var ports = listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        listeners.ForEach(listener => listener.Stop());
        return ports;
    }
}
