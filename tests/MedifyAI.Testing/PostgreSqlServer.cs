using System.Diagnostics;
using Npgsql;

namespace MedifyAI.Testing;

/// <summary>
/// A throwaway PostgreSQL server from the Debian packages, run as the <c>postgres</c> OS user (initdb rejects
/// root) in a temporary folder, listening on 127.0.0.1 on a free port with trust authentication.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    private const string OsUser = "postgres";

    private readonly string _root;
    private readonly string _binDirectory;

    private PostgreSqlServer(string root, string binDirectory, int port)
    {
        _root = root;
        _binDirectory = binDirectory;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Connection string of a database on this server.</summary>
    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=10";

    public static async Task<PostgreSqlServer> StartAsync()
    {
        var binDirectory = FindBinDirectory();
        var root = Path.Combine(Path.GetTempPath(), $"medifyai-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        await RunAsync("chown", [OsUser, root]).ConfigureAwait(false);

        var server = new PostgreSqlServer(root, binDirectory, FreePorts.Take(1)[0]);
        try
        {
            await server.RunAsPostgresAsync("initdb", ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8"]).ConfigureAwait(false);
            await server.RunAsPostgresAsync("pg_ctl",
            [
                "-D", server.DataDirectory,
                "-l", Path.Combine(root, "server.log"),
                "-o", $"-p {server.Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off",
                "-w", "start",
            ]).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates a database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return ConnectionStringFor(name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await RunAsPostgresAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]).ConfigureAwait(false);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
                // The OS temp cleaner removes what is left.
            }
        }
    }

    private Task RunAsPostgresAsync(string tool, IEnumerable<string> arguments) =>
        RunAsync("runuser", ["-u", OsUser, "--", Path.Combine(_binDirectory, tool), .. arguments]);

    private static async Task RunAsync(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"'{fileName}' could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', start.ArgumentList)}' failed with exit code {process.ExitCode}: "
                + $"{await output.ConfigureAwait(false)}{await error.ConfigureAwait(false)}");
        }
    }

    /// <summary>Finds the newest /usr/lib/postgresql/&lt;version&gt;/bin that has initdb.</summary>
    private static string FindBinDirectory()
    {
        const string packageRoot = "/usr/lib/postgresql";
        var candidates = Directory.Exists(packageRoot)
            ? Directory.GetDirectories(packageRoot)
                .Select(directory => Path.Combine(directory, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .ToList()
            : [];

        return candidates.FirstOrDefault() ?? throw new InvalidOperationException(
            $"No PostgreSQL server was found under {packageRoot}: run scripts/install-test-services.sh.");
    }
}
