using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using MedifyAI.Tests.Infrastructure;

namespace MedifyAI.Tests.Persistence;

/// <summary>
/// Starts dynalite (an implementation of the DynamoDB API from npm, installed under tests/services) on a free
/// loopback port for the tests of one collection, and stops it at the end.
/// </summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private Process? _process;

    /// <summary>Endpoint URL of the running server, for example <c>http://127.0.0.1:41234</c>.</summary>
    public string ServiceUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        // Keeps the SDK from probing the EC2 instance metadata endpoint for credentials or a region.
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

        var cli = Path.Combine(FindRepositoryRoot(), "tests", "services", "node_modules", "dynalite", "cli.js");
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
        _process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("listening", StringComparison.OrdinalIgnoreCase) == true)
            {
                listening.TrySetResult();
            }
        };
        _process.Exited += (_, _) => listening.TrySetException(
            new InvalidOperationException($"dynalite exited with code {_process.ExitCode} before it listened."));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await listening.Task.WaitAsync(StartTimeout);
        ServiceUrl = $"http://127.0.0.1:{port}";
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    /// <summary>Creates a client of the server with dummy credentials; the caller disposes it.</summary>
    public AmazonDynamoDBClient CreateClient() => new(
        new BasicAWSCredentials("dynalite-test", "dynalite-test"),
        new AmazonDynamoDBConfig { ServiceURL = ServiceUrl, AuthenticationRegion = "us-east-1" });

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MedifyAI.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No MedifyAI.sln above {AppContext.BaseDirectory}.");
    }
}
