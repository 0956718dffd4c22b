using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MedifyAI.Benchmarks.Chat;

/// <summary>The product's silo host started as a child process on free loopback ports.</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process, Uri apiBaseAddress)
    {
        _process = process;
        ApiBaseAddress = apiBaseAddress;
    }

    public int ProcessId => _process.Id;

    public Uri ApiBaseAddress { get; }

    private int _warmupSessions;

    /// <summary>Sessions created during warm-up, counted for storage per session.</summary>
    public int WarmupSessions => _warmupSessions;

    public void RecordWarmupSession() => Interlocked.Increment(ref _warmupSessions);

    public static async Task<SiloProcess> StartAsync(string siloPath, string dataDirectory, CancellationToken cancellationToken)
    {
        var ports = FreePorts(4);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(siloPath)!,
        };
        foreach (var argument in new[]
        {
            siloPath,
            $"--MedifyAI:DataDirectory={dataDirectory}",
            $"--MedifyAI:ApiUrls:0=http://127.0.0.1:{ports[0]}",
            $"--MedifyAI:ManagementUrls:0=http://127.0.0.1:{ports[1]}",
            $"--MedifyAI:Cluster:SiloPort={ports[2]}",
            $"--MedifyAI:Cluster:GatewayPort={ports[3]}",
            "--Logging:LogLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine($"[silo] {line.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{ports[0]}"));
        await silo.WaitUntilReadyAsync(cancellationToken);
        return silo;
    }

    /// <summary>Peak resident memory of the server process (VmHWM from /proc), in bytes.</summary>
    public long PeakWorkingSetBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kilobytes * 1024;
            }
        }

        return -1;
    }

    /// <summary>Stops the server with SIGTERM and waits, so storage is flushed before it is measured.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = ApiBaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode} during start-up.");
            }

            try
            {
                var response = await http.GetAsync("/health/ready", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException("The silo did not become ready within 60 seconds.");
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(listener => listener.Start());
        var ports = listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        listeners.ForEach(listener => listener.Stop());
        return ports;
    }
}
