using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MedifyAI.Benchmarks.Commands;

namespace MedifyAI.Benchmarks.Chat;

/// <summary>
/// Drives concurrent chat sessions over loopback HTTP against the embedded default (one silo process with
/// SQLite storage) and reports turns per second, turn latency, the server's peak memory and storage bytes
/// per session.
/// </summary>
internal sealed class ChatBenchmarkCommand : IBenchmarkCommand
{
    public string Name => "chat";

    public string Description =>
        "Concurrent 20-turn chats over HTTP against the embedded host. Options: --silo PATH (MedifyAI.Silo.dll), "
        + "--levels 1,50,200, --seconds 20 (measured time per level), --warmup 5 (seconds), "
        + "--rate N (offered turns/s over all sessions; latency counts from each turn's scheduled time; default: closed loop).";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = ChatBenchmarkOptions.Parse(args);
        using var data = new BenchmarkDirectory();
        await using var server = await SiloProcess.StartAsync(options.SiloPath, data.Path, cancellationToken);

        Console.WriteLine($"Server pid {server.ProcessId}, API {server.ApiBaseAddress}, data {data.Path}");
        Console.WriteLine(options.Rate > 0 ? $"Open loop: {options.Rate} turns/s offered" : "Closed loop: each session sends its next turn when the reply arrives");
        Console.WriteLine("level | turns | turns/s | p50 ms | p99 ms | errors");

        var sessions = 0;
        foreach (var level in options.Levels)
        {
            await RunLevelAsync(server, level, options.Rate, TimeSpan.FromSeconds(options.WarmupSeconds), null, cancellationToken);
            var result = new LevelResult(level);
            await RunLevelAsync(server, level, options.Rate, TimeSpan.FromSeconds(options.MeasuredSeconds), result, cancellationToken);
            sessions += result.SessionsStarted;
            Console.WriteLine(result.Format());
        }

        var peakMemory = server.PeakWorkingSetBytes();
        var totalSessions = sessions + server.WarmupSessions;
        await server.StopAsync();
        var storageBytes = data.SizeOfFiles("*.db*");

        Console.WriteLine($"Server peak memory (VmHWM): {peakMemory / (1024.0 * 1024.0):F1} MiB");
        Console.WriteLine(
            $"Storage: {storageBytes / 1024.0:F0} KiB for {totalSessions} sessions of up to {ChatScript.Messages.Length} turns, "
            + $"{storageBytes / (double)Math.Max(1, totalSessions):F0} bytes per session");
        return 0;
    }

    private static async Task RunLevelAsync(
        SiloProcess server,
        int concurrency,
        int rate,
        TimeSpan duration,
        LevelResult? result,
        CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = server.ApiBaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();

        var workers = Enumerable.Range(0, concurrency)
            .Select(worker => RunWorkerAsync(
                http,
                stopAt,
                TurnInterval(rate, concurrency),
                TurnInterval(rate, concurrency) * worker / concurrency,
                result,
                server,
                cancellationToken))
            .ToArray();
        await Task.WhenAll(workers);

        result?.Finish(Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Ticks between one session's turns in open-loop mode, or 0 for closed loop.</summary>
    private static long TurnInterval(int rate, int concurrency) =>
        rate > 0 ? (long)(Stopwatch.Frequency * (double)concurrency / rate) : 0;

    private static async Task RunWorkerAsync(
        HttpClient http,
        long stopAt,
        long interval,
        long startOffset,
        LevelResult? result,
        SiloProcess server,
        CancellationToken cancellationToken)
    {
        // Open loop: sessions start spread over one interval, then each turn has a fixed schedule; a turn
        // sent late still counts its latency from when it was due, so queueing shows in the figures.
        var dueAt = Stopwatch.GetTimestamp() + startOffset;
        while (Stopwatch.GetTimestamp() < stopAt && !cancellationToken.IsCancellationRequested)
        {
            var created = await http.PostAsJsonAsync("/api/sessions", new { age = 38, sex = "female" }, cancellationToken);
            if (!created.IsSuccessStatusCode)
            {
                result?.RecordError();
                continue;
            }

            using var body = JsonDocument.Parse(await created.Content.ReadAsStreamAsync(cancellationToken));
            var sessionId = body.RootElement.GetProperty("sessionId").GetString();
            if (result is null)
            {
                server.RecordWarmupSession();
            }
            else
            {
                result.SessionStarted();
            }

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

                using var response = await http.PostAsJsonAsync(
                    $"/api/sessions/{sessionId}/messages",
                    new { text = ChatScript.Messages[i], clientMessageId = i.ToString(CultureInfo.InvariantCulture) },
                    cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(turnStarted);

                if (response.IsSuccessStatusCode)
                {
                    result?.RecordTurn(elapsed);
                }
                else
                {
                    result?.RecordError();
                }
            }
        }
    }
}
