using System.Net;
using System.Net.Sockets;

namespace MedifyAI.Testing;

/// <summary>Finds loopback ports that are free right now, for hosts started by the tests.</summary>
public static class FreePorts
{
    private static readonly object Gate = new();
    private static readonly HashSet<int> Handed = [];

    /// <summary>Returns <paramref name="count"/> distinct free ports, never the same port twice in one test run.</summary>
    public static int[] Take(int count)
    {
        lock (Gate)
        {
            var ports = new int[count];
            for (var i = 0; i < count; i++)
            {
                int port;
                do
                {
                    using var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    port = ((IPEndPoint)listener.LocalEndpoint).Port;
                }
                while (!Handed.Add(port));

                ports[i] = port;
            }

            return ports;
        }
    }
}
