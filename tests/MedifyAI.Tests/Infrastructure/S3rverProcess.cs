using System.Diagnostics;
using System.Net.Sockets;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace MedifyAI.Tests.Infrastructure;

/// <summary>
/// s3rver (npm, installed under tests/services by scripts/install-test-services.sh) started on a free
/// loopback port for one test class, with an S3 client configured for it.
/// </summary>
public sealed class S3rverProcess : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    public const string Region = "us-east-1";

    private readonly Process _process;
    private readonly TempDirectory _directory;

    private S3rverProcess(Process process, TempDirectory directory, int port)
    {
        _process = process;
        _directory = directory;
        ServiceUrl = $"http://127.0.0.1:{port}";
        Client = new AmazonS3Client(
            new BasicAWSCredentials(AccessKey, SecretKey),
            new AmazonS3Config { ServiceURL = ServiceUrl, ForcePathStyle = true, AuthenticationRegion = Region });
    }

    public string ServiceUrl { get; }

    public IAmazonS3 Client { get; }

    /// <summary>Silo settings that point <c>s3://</c> sources at this server.</summary>
    public Dictionary<string, string?> SiloSettings => new()
    {
        ["MedifyAI:Ingestion:S3:ServiceUrl"] = ServiceUrl,
        ["MedifyAI:Ingestion:S3:Region"] = Region,
        ["MedifyAI:Ingestion:S3:AccessKeyId"] = AccessKey,
        ["MedifyAI:Ingestion:S3:SecretAccessKey"] = SecretKey,
        ["MedifyAI:Ingestion:S3:ForcePathStyle"] = "true",
    };

    public static async Task<S3rverProcess> StartAsync()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var executable = Path.Combine(SharedData.RepositoryRoot, "tests", "services", "node_modules", ".bin", "s3rver");
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException(
                $"s3rver is not installed at '{executable}'; run scripts/install-test-services.sh first.", executable);
        }

        var directory = new TempDirectory("medifyai-s3rver");
        var port = FreePorts.Take(1)[0];
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { executable, "--address", "127.0.0.1", "--port", port.ToString(), "--directory", directory.Path, "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }

        return new S3rverProcess(process, directory, port);
    }

    public async Task UploadAsync(string bucket, string key, string filePath)
    {
        await Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            FilePath = filePath,

            // Over plain HTTP the SDK would send aws-chunked framing, which s3rver stores as part of the object.
            UseChunkEncoding = false,
        });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _directory.Dispose();
    }
}
