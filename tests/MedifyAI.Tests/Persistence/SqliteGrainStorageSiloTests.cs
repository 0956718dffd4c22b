using MedifyAI.Persistence.Sqlite;
using Orleans.TestingHost;

namespace MedifyAI.Tests.Persistence;

/// <summary>
/// Runs <see cref="SqliteGrainStorage"/> inside an in-process Orleans cluster registered through
/// <see cref="SqliteGrainStorageSiloBuilderExtensions.AddSqliteGrainStorage(Orleans.Hosting.ISiloBuilder, string, Action{SqliteGrainStorageOptions})"/>.
/// </summary>
public sealed class SqliteGrainStorageSiloTests : IDisposable
{
    private const string ServiceId = "sqlite-silo-tests";

    private readonly SqliteTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task GrainState_SurvivesClusterRestart()
    {
        var databasePath = _directory.DatabasePath();

        await using (var cluster = await StartClusterAsync(databasePath))
        {
            var grain = cluster.Client.GetGrain<ISqliteCounterGrain>("patient-1");
            Assert.Equal(1, await grain.IncrementAsync("first visit"));
            Assert.Equal(2, await grain.IncrementAsync("zweiter Besuch – ü"));
            await cluster.StopAllSilosAsync();
        }

        await using (var restarted = await StartClusterAsync(databasePath))
        {
            var grain = restarted.Client.GetGrain<ISqliteCounterGrain>("patient-1");
            var state = await grain.GetAsync();
            Assert.Equal(2, state.Count);
            Assert.Equal(["first visit", "zweiter Besuch – ü"], state.Notes);

            Assert.Equal(3, await grain.IncrementAsync("after restart"));
            var other = restarted.Client.GetGrain<ISqliteCounterGrain>("patient-2");
            Assert.Equal(0, (await other.GetAsync()).Count);
            await restarted.StopAllSilosAsync();
        }
    }

    [Fact]
    public async Task ClearedState_StaysClearedAfterRestart()
    {
        var databasePath = _directory.DatabasePath();

        await using (var cluster = await StartClusterAsync(databasePath))
        {
            var grain = cluster.Client.GetGrain<ISqliteCounterGrain>("patient-3");
            await grain.IncrementAsync("to be cleared");
            await grain.ClearAsync();
            Assert.Equal(1, await grain.IncrementAsync("written after clear"));
            await grain.ClearAsync();
            await cluster.StopAllSilosAsync();
        }

        await using (var restarted = await StartClusterAsync(databasePath))
        {
            var grain = restarted.Client.GetGrain<ISqliteCounterGrain>("patient-3");
            Assert.Equal(0, (await grain.GetAsync()).Count);
            Assert.Equal(1, await grain.IncrementAsync("new life"));
            await restarted.StopAllSilosAsync();
        }
    }

    [Fact]
    public async Task InvalidDatabasePath_FailsSiloStart()
    {
        var blocker = Path.Combine(_directory.Path, "file-not-directory");
        await File.WriteAllTextAsync(blocker, "x");
        var badPath = Path.Combine(blocker, "grain-state.db");

        var builder = CreateBuilder(badPath);
        await using var cluster = builder.Build();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.DeployAsync());

        Assert.Contains("SqliteGrainStorageOptions", error.ToString());
        Assert.Contains(badPath, error.ToString());
    }

    private static async Task<InProcessTestCluster> StartClusterAsync(string databasePath)
    {
        var cluster = CreateBuilder(databasePath).Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static InProcessTestClusterBuilder CreateBuilder(string databasePath)
    {
        var builder = new InProcessTestClusterBuilder(1);

        // The storage key contains the service id, so a restarted cluster must keep it.
        builder.Options.ServiceId = ServiceId;
        builder.ConfigureSilo((_, silo) => silo.AddSqliteGrainStorage(
            SqliteCounterGrain.StorageName,
            options => options.DatabasePath = databasePath));
        return builder;
    }
}
