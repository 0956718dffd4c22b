using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;

namespace MedifyAI.Testing;

/// <summary>
/// A built product assembly (<c>MedifyAI.Silo.dll</c> or <c>MedifyAI.Api.dll</c>) run with <c>dotnet</c> as a child
/// process. It keeps the last output lines for failure messages and is killed on dispose whatever happened.
/// </summary>
public sealed class ProductProcess : IDisposable
{
    private const int SignalTerminate = 15;
    private const int KeptOutputLines = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ProductProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the process wrote to standard output and error.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>Path of a product assembly built in the configuration this library was built in (Debug or Release).</summary>
    public static string AssemblyPath(string project, string assemblyName)
    {
        var configuration = typeof(ProductProcess).Assembly
            .GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = Path.Combine(RepositoryPaths.Root, "src", project, "bin", configuration, "net10.0", assemblyName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"'{path}' is missing: build src/{project} in {configuration} (building the test or benchmark project does).", path);
    }

    /// <summary>Starts <c>dotnet <paramref name="assemblyPath"/> <paramref name="arguments"/></c>.</summary>
    public static ProductProcess Start(string name, string assemblyPath, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        start.ArgumentList.Add(assemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Production settings, no development user secrets, and no console colours in captured output.
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "false";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var product = new ProductProcess(name, process);
        process.OutputDataReceived += (_, line) => product.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => product.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return product;
    }

    /// <summary>Sends SIGKILL: the process gets no chance to leave the cluster or flush anything.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Sends SIGTERM, as Kubernetes does when it stops a pod.</summary>
    public void Terminate()
    {
        if (SendSignal(_process.Id, SignalTerminate) != 0)
        {
            throw new InvalidOperationException($"kill(SIGTERM) on {Name} (pid {_process.Id}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Waits for the process to exit; returns false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Polls <paramref name="uri"/> until it returns 200, failing early with the process output when the process
    /// exits first and with a <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForHttpOkAsync(Uri uri, TimeSpan timeout)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (HasExited)
            {
                throw new InvalidOperationException(
                    $"{Name} exited with code {ExitCode} before it was ready:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                using var response = await probe.GetAsync(uri).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250).ConfigureAwait(false);
        }

        throw new TimeoutException($"{Name} was not ready at {uri} within {timeout}:{Environment.NewLine}{RecentOutput}");
    }

    public void Dispose()
    {
        try
        {
            Kill();
            _process.WaitForExit(5_000);
        }
        catch (InvalidOperationException)
        {
            // The process already exited and was reaped.
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines && _output.TryDequeue(out _))
        {
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);
}
