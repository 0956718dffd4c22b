using System.Diagnostics;
using System.Globalization;
using MedifyAI.Benchmarks.Chat;
using MedifyAI.Benchmarks.Commands;

namespace MedifyAI.Benchmarks.Cluster;

/// <summary>
/// Drives concurrent 20-turn chats over loopback HTTP against the production topology (<see cref="ProductionCluster"/>)
/// and reports turns per second, turn latency and errors per concurrency level.
/// </summary>
internal sealed class ClusterChatCommand : IBenchmarkCommand
{
    public string Name => "cluster-chat";

    public string Description =>
        "Concurrent 20-turn chats over HTTP against 3 silo processes (PostgreSQL membership, DynamoDB state on "
        + "dynalite) and the API process. Options: " + ClusterChatOptions.Usage + ".";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = ClusterChatOptions.Parse(args);
        await using var cluster = await ProductionCluster.StartAsync(options.Silos);

        Console.WriteLine(
            $"Cluster {cluster.ClusterId}: {options.Silos} silos (pids {string.Join(", ", cluster.Silos.Select(silo => silo.Id))}), "
            + $"API {cluster.ApiBaseAddress}, dynalite {cluster.DynamoDbServiceUrl}, cores {Environment.ProcessorCount}");
        Console.WriteLine(options.Rate > 0
            ? $"Open loop: {options.Rate} turns/s offered"
            : "Closed loop: each session sends its next turn when the reply arrives");
        Console.WriteLine("level | turns | turns/s | p50 ms | p99 ms | errors");

        foreach (var level in options.Levels)
        {
            await RunLevelAsync(cluster, level, options.Rate, TimeSpan.FromSeconds(options.WarmupSeconds), null, cancellationToken);
            var result = new LevelResult(level);
            await RunLevelAsync(cluster, level, options.Rate, TimeSpan.FromSeconds(options.MeasuredSeconds), result, cancellationToken);
            Console.WriteLine(result.Format());
        }

        foreach (var silo in cluster.Silos.Where(silo => silo.HasExited))
        {
            Console.Error.WriteLine($"{silo.Name} exited with code {silo.ExitCode} during the run:{Environment.NewLine}{silo.RecentOutput}");
            return 1;
        }

        return 0;
    }

    private static async Task RunLevelAsync(
        ProductionCluster cluster,
        int concurrency,
        int rate,
        TimeSpan duration,
        LevelResult? result,
        CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };
        using var http = new HttpClient(handler) { BaseAddress = cluster.ApiBaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var interval = rate > 0 ? (long)(Stopwatch.Frequency * (double)concurrency / rate) : 0;

        // A new patient per worker and level, so no patient's session count grows across levels.
        var level = Guid.NewGuid().ToString("N")[..8];
        var workers = Enumerable.Range(0, concurrency)
            .Select(worker => RunWorkerAsync(
                new PatientApi(http, $"bench-{level}-{worker}"),
                stopAt,
                interval,
                interval * worker / concurrency,
                result,
                cancellationToken))
            .ToArray();
        await Task.WhenAll(workers);

        result?.Finish(Stopwatch.GetElapsedTime(started));
    }

    private static async Task RunWorkerAsync(
        PatientApi api,
        long stopAt,
        long interval,
        long startOffset,
        LevelResult? result,
        CancellationToken cancellationToken)
    {
        // Open loop: sessions start spread over one interval, then each turn has a fixed schedule. A turn sent
        // late still counts its latency from when it was due, so queueing shows in the figures.
        var dueAt = Stopwatch.GetTimestamp() + startOffset;
        while (Stopwatch.GetTimestamp() < stopAt && !cancellationToken.IsCancellationRequested)
        {
            string? sessionId;
            try
            {
                sessionId = await api.CreateSessionAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                sessionId = null;
            }

            if (sessionId is null)
            {
                result?.RecordError();
                continue;
            }

            result?.SessionStarted();
            for (var i = 0; i < ChatScript.Messages.Length && Stopwatch.GetTimestamp() < stopAt; i++)
            {
                var turnStarted = Stopwatch.GetTimestamp();
                if (interval > 0)
                {
                    var wait = dueAt - turnStarted;
                    if (wait > 0)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), cancellationToken);
                    }

                    turnStarted = dueAt;
                    dueAt += interval;
                }

                bool succeeded;
                try
                {
                    using var response = await api.SendMessageAsync(
                        sessionId,
                        ChatScript.Messages[i],
                        i.ToString(CultureInfo.InvariantCulture),
                        cancellationToken);
                    succeeded = response.IsSuccessStatusCode;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    succeeded = false;
                }

                if (succeeded)
                {
                    result?.RecordTurn(Stopwatch.GetElapsedTime(turnStarted));
                }
                else
                {
                    result?.RecordError();
                }
            }
        }
    }
}
