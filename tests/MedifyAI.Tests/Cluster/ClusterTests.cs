using System.Diagnostics;
using System.Net;
using MedifyAI.Sessions;
using MedifyAI.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace MedifyAI.Tests.Cluster;

/// <summary>
/// Three silo processes and the API front-end as separate processes, clustered through the PostgreSQL membership
/// table: formation, SIGKILL and SIGTERM of a silo during chats, and a client whose gateway goes away.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(PostgreSqlFixture postgres, ITestOutputHelper output)
{
    private const int SessionCount = 12;
    private static readonly TimeSpan FailoverTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] Messages = ["I have had a cough for 5 days", "No fever", "It is worse at night"];

    [Fact]
    public async Task ThreeSilos_FormOneCluster()
    {
        using var cluster = new LocalCluster(postgres.ConnectionString);
        await cluster.StartSilosAsync(3);
        await cluster.StartApiAsync();

        var members = await ReadMembershipAsync(cluster.ClusterId);
        var active = members.Where(member => member.Status == ActiveStatus).Select(member => member.SiloName).Order().ToList();
        Assert.Equal(["silo-0", "silo-1", "silo-2"], active);
        Assert.All(members, member => Assert.Equal("127.0.0.1", member.Address));

        var gatewayPorts = members.Select(member => member.ProxyPort).Order().ToList();
        Assert.Equal(cluster.Silos.Select(silo => silo.GatewayPort).Order().ToList(), gatewayPorts);

        var sessionId = await ChatClient.CreateSessionAsync(cluster.Api);
        var reply = await ChatClient.SendAsync(cluster.Api, sessionId, Messages[0], "m-1");
        Assert.Equal(1, reply.TurnNumber);
    }

    [Fact]
    public async Task SiloKill_KeepsEveryAcknowledgedTurn()
    {
        using var cluster = new LocalCluster(postgres.ConnectionString);
        await cluster.StartSilosAsync(3);
        await cluster.StartApiAsync();
        var acknowledged = await ChatAsync(cluster, turns: 2);

        var victim = cluster.Silos[0];
        var killed = Stopwatch.GetTimestamp();
        victim.Process.Kill();
        var declaredDead = WaitUntilDeadAsync(cluster.ClusterId, victim.Name, killed);
        var nextTurns = SendNextTurnToAllAsync(cluster, acknowledged, turnNumber: 3);
        output.WriteLine($"SIGKILL of {victim.Name}: declared dead after {(await declaredDead).TotalSeconds:F1} s.");
        var elapsed = await nextTurns;

        output.WriteLine($"SIGKILL of {victim.Name}: slowest session answered after {elapsed.Max().TotalSeconds:F1} s; "
            + $"median session {Median(elapsed).TotalSeconds:F1} s.");
        await AssertTurnsKeptAsync(cluster, acknowledged, expectedPatientTurns: 3);

        var members = await ReadMembershipAsync(cluster.ClusterId);
        Assert.Equal(DeadStatus, members.Single(member => member.SiloName == victim.Name).Status);
    }

    [Fact]
    public async Task SiloKill_IngestionResumesOnSurvivor()
    {
        const string Dataset = "failover-pmc";
        using var cluster = new LocalCluster(postgres.ConnectionString);
        await cluster.StartSilosAsync(3);
        await cluster.StartApiAsync();
        using var operatorClient = TestTokens.CreateClient(cluster.Api.BaseAddress!, "operator-failover", MedifyAI.Security.Roles.Operator);
        operatorClient.Timeout = TimeSpan.FromSeconds(40);

        var slice = SharedData.PathOf("pmc-patients/PMC-Patients-sample-1000.csv");
        var started = await DatasetApiClient.StartAsync(operatorClient, Dataset, slice, "pmc-patients-csv");
        MedifyAI.Datasets.IngestionRun progress;
        do
        {
            await Task.Delay(100);
            progress = (await DatasetApiClient.GetStatusAsync(operatorClient, Dataset)).CurrentRun!;
        }
        while (progress.RecordsRead < 100 && progress.State == MedifyAI.Datasets.IngestionState.Running);

        Assert.Equal(MedifyAI.Datasets.IngestionState.Running, progress.State);
        var host = cluster.Silos.Single(silo => silo.Process.RecentOutput.Contains($"Dataset {Dataset} run {started.RunId} started", StringComparison.Ordinal));
        host.Process.Kill();
        output.WriteLine($"SIGKILL of {host.Name}, which ran the ingestion, after {progress.RecordsRead} records.");

        // No client calls the dataset: the watchdog reminder alone must wake the grain on a surviving silo, where the
        // run resumes from its last checkpoint. The survivors' logs tell when it finished, without calling the grain.
        // Voting out the dead silo, the reminder period and the rest of the slice take about two minutes here.
        var survivors = cluster.Silos.Where(silo => silo != host).ToList();
        bool Logged(string line) => survivors.Any(silo => silo.Process.RecentOutput.Contains(line, StringComparison.Ordinal));
        var resumed = false;
        var waitUntil = DateTime.UtcNow.AddMinutes(6);
        while (!Logged($"Dataset {Dataset} run {started.RunId} Completed"))
        {
            Assert.True(DateTime.UtcNow < waitUntil, "No surviving silo finished the ingestion run within 6 minutes.");
            resumed |= Logged($"Dataset {Dataset} run {started.RunId} resumes after record");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Assert.True(resumed || Logged($"Dataset {Dataset} run {started.RunId} resumes after record"), "No survivor logged the resume.");

        // The first status read must already show the finished run. Until the dead silo is voted out a read may
        // get 503, which a client retries after the Retry-After delay.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        MedifyAI.Datasets.IngestionRun? finished = null;
        while (finished is null && DateTime.UtcNow < deadline)
        {
            using var response = await operatorClient.GetAsync($"/api/datasets/{Dataset}");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(500);
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            finished = (await response.ReadAsync<MedifyAI.Datasets.DatasetStatus>()).CurrentRun!;
        }

        Assert.NotNull(finished);

        Assert.Equal(started.RunId, finished.RunId);
        Assert.Equal(MedifyAI.Datasets.IngestionState.Completed, finished.State);
        Assert.True(finished.Resumes >= 1, "The run should report that it resumed on another silo.");
        Assert.Equal(1000, finished.RecordsRead);
        Assert.Equal(1000, finished.RecordsAccepted);
        Assert.Equal(0, finished.RecordsRejected);
        Assert.Equal(3040, finished.ChunksIndexed);
    }

    [Fact]
    public async Task SiloTerminate_DrainsAndExitsZero()
    {
        using var cluster = new LocalCluster(postgres.ConnectionString);
        await cluster.StartSilosAsync(3);
        await cluster.StartApiAsync();
        var acknowledged = await ChatAsync(cluster, turns: 2);

        var leaving = cluster.Silos[1];
        leaving.Process.Terminate();
        var exited = await leaving.Process.WaitForExitAsync(LocalCluster.TerminationGracePeriod);

        Assert.True(exited, $"{leaving.Name} still ran {LocalCluster.TerminationGracePeriod} after SIGTERM.{Environment.NewLine}{cluster.Diagnostics()}");
        Assert.True(leaving.Process.ExitCode == 0, $"{leaving.Name} exited with {leaving.Process.ExitCode}.{Environment.NewLine}{leaving.Process.RecentOutput}");

        var members = await ReadMembershipAsync(cluster.ClusterId);
        Assert.Equal(DeadStatus, members.Single(member => member.SiloName == leaving.Name).Status);

        await SendNextTurnToAllAsync(cluster, acknowledged, turnNumber: 3);
        await AssertTurnsKeptAsync(cluster, acknowledged, expectedPatientTurns: 3);
    }

    [Fact]
    public async Task Client_ReconnectsWhenGatewayGoesAway()
    {
        using var cluster = new LocalCluster(postgres.ConnectionString);
        await cluster.StartSilosAsync(1);
        await cluster.StartApiAsync();
        var sessionId = await ChatClient.CreateSessionAsync(cluster.Api);
        await ChatClient.SendAsync(cluster.Api, sessionId, Messages[0], "m-1");

        // The client knows only the first silo's gateway; the second joins after the client connected.
        var second = cluster.StartSilo();
        await cluster.WaitUntilReadyAsync(second);
        cluster.Silos[0].Process.Kill();

        var (reply, elapsed) = await ChatClient.SendWithRetryAsync(cluster.Api, sessionId, Messages[1], "m-2", FailoverTimeout);
        output.WriteLine($"The client reached the remaining gateway {elapsed.TotalSeconds:F1} s after its gateway was killed.");
        Assert.Equal(2, reply.TurnNumber);

        using var ready = await cluster.Api.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Migration_ConcurrentRunsAreIdempotent()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync($"migrate_{Guid.NewGuid():N}");
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Silo.Clustering.PostgreSql.PostgreSqlSchemaMigrator.ApplyAsync(connectionString, logger, CancellationToken.None)));
        await Silo.Clustering.PostgreSql.PostgreSqlSchemaMigrator.ApplyAsync(connectionString, logger, CancellationToken.None);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        string[] expected =
        [
            "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "DeleteReminderRowKey",
            "DeleteReminderRowsKey", "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey",
            "MembershipReadAllKey", "MembershipReadRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
            "ReadReminderRowKey", "ReadReminderRowsKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
            "UpsertReminderRowKey",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    private const int ActiveStatus = 3;
    private const int DeadStatus = 6;

    private sealed record Member(string SiloName, string Address, int Status, int ProxyPort);

    private sealed record ChatRecord(string SessionId, List<TurnReply> Replies);

    private async Task<List<Member>> ReadMembershipAsync(string clusterId)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT silo_name, address, status, proxy_port FROM orleans_membership WHERE deployment_id = @cluster",
            connection);
        command.Parameters.AddWithValue("cluster", clusterId);

        var members = new List<Member>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            members.Add(new Member(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3)));
        }

        return members;
    }

    /// <summary>Polls the membership table until the silo's row is Dead; returns the time since <paramref name="since"/>.</summary>
    private async Task<TimeSpan> WaitUntilDeadAsync(string clusterId, string siloName, long since)
    {
        while (Stopwatch.GetElapsedTime(since) < FailoverTimeout)
        {
            var members = await ReadMembershipAsync(clusterId);
            if (members.Any(member => member.SiloName == siloName && member.Status == DeadStatus))
            {
                return Stopwatch.GetElapsedTime(since);
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"{siloName} was not declared dead within {FailoverTimeout}.");
    }

    private static async Task<List<ChatRecord>> ChatAsync(LocalCluster cluster, int turns)
    {
        var chats = new List<ChatRecord>();
        for (var i = 0; i < SessionCount; i++)
        {
            chats.Add(new ChatRecord(await ChatClient.CreateSessionAsync(cluster.Api), []));
        }

        for (var turn = 1; turn <= turns; turn++)
        {
            foreach (var chat in chats)
            {
                chat.Replies.Add(await ChatClient.SendAsync(cluster.Api, chat.SessionId, Messages[turn - 1], $"m-{turn}"));
            }
        }

        return chats;
    }

    /// <summary>Sends the next turn to every session at once and returns each session's time to success.</summary>
    private static async Task<List<TimeSpan>> SendNextTurnToAllAsync(LocalCluster cluster, List<ChatRecord> chats, int turnNumber)
    {
        var results = await Task.WhenAll(chats.Select(chat => ChatClient.SendWithRetryAsync(
            cluster.Api, chat.SessionId, Messages[turnNumber - 1], $"m-{turnNumber}", FailoverTimeout)));

        for (var i = 0; i < chats.Count; i++)
        {
            Assert.Equal(turnNumber, results[i].Reply.TurnNumber);
            chats[i].Replies.Add(results[i].Reply);
        }

        return results.Select(result => result.Elapsed).ToList();
    }

    private static async Task AssertTurnsKeptAsync(LocalCluster cluster, List<ChatRecord> chats, int expectedPatientTurns)
    {
        foreach (var chat in chats)
        {
            var session = await ChatClient.GetSessionAsync(cluster.Api, chat.SessionId);
            var patientTurns = session.Turns.Count(turn => turn.Role == ChatRole.Patient);
            Assert.Equal(expectedPatientTurns, patientTurns);

            var assistantReplies = session.Turns
                .Where(turn => turn.Role == ChatRole.Assistant && turn.Number > 0)
                .Select(turn => turn.Text)
                .ToList();
            Assert.Equal(chat.Replies.Select(reply => reply.Reply), assistantReplies);
        }
    }

    private static TimeSpan Median(List<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
