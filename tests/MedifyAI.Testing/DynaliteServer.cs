using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace MedifyAI.Testing;

/// <summary>
/// dynalite (an implementation of the DynamoDB API from npm, installed under tests/services) run with Node.js on
/// a free loopback port. Dispose kills it; its tables live in memory and are lost.
/// </summary>
public sealed class DynaliteServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private DynaliteServer(Process process, string serviceUrl)
    {
        _process = process;
        ServiceUrl = serviceUrl;
    }

    /// <summary>Endpoint URL of the running server, for example <c>http://127.0.0.1:41234</c>.</summary>
    public string ServiceUrl { get; }

    /// <summary>Process id of the Node.js process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts dynalite and waits until it reports that it is listening.</summary>
    public static async Task<DynaliteServer> StartAsync()
    {
        // Keeps the SDK from probing the EC2 instance metadata endpoint for credentials or a region.
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

        var cli = Path.Combine(RepositoryPaths.Root, "tests", "services", "node_modules", "dynalite", "cli.js");
        if (!File.Exists(cli))
        {
            throw new InvalidOperationException(
                $"dynalite is not installed ({cli} is missing). Run scripts/install-test-services.sh first.");
        }

        var port = FreePorts.Take(1)[0];
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cli, "--host", "127.0.0.1", "--port", port.ToString(), "--createTableMs", "50" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("listening", StringComparison.OrdinalIgnoreCase) == true)
            {
                listening.TrySetResult();
            }
        };
        process.Exited += (_, _) => listening.TrySetException(
            new InvalidOperationException($"dynalite exited with code {process.ExitCode} before it listened."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new DynaliteServer(process, $"http://127.0.0.1:{port}");
        try
        {
            await listening.Task.WaitAsync(StartTimeout).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates a client of the server with dummy credentials; the caller disposes it.</summary>
    public AmazonDynamoDBClient CreateClient() => new(
        new BasicAWSCredentials("dynalite-test", "dynalite-test"),
        new AmazonDynamoDBConfig { ServiceURL = ServiceUrl, AuthenticationRegion = "us-east-1" });

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }
}
