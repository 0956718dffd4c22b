using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MedifyAI.Benchmarks.Chat;

/// <summary>
/// Runs concurrent scripted chats against an API: each worker starts a session, sends the
/// <see cref="ChatScript"/> messages one at a time, and starts another session when the script ends.
/// </summary>
internal static class ChatLoadGenerator
{
    /// <summary>Runs one level for <paramref name="duration"/>; turns are recorded when <paramref name="result"/> is set.</summary>
    /// <param name="authorize">Sets the credentials of worker N's requests, or null to send none.</param>
    /// <param name="rate">Offered turns per second over all workers, or 0 for a closed loop.</param>
    public static async Task<int> RunAsync(
        Uri baseAddress,
        int concurrency,
        int rate,
        TimeSpan duration,
        Action<HttpRequestHeaders, int>? authorize,
        LevelResult? result,
        CancellationToken cancellationToken)
    {
        // The load generator shares two cores with the server; enough pool threads keep timers and
        // continuations on schedule when every worker is busy.
        ThreadPool.GetMinThreads(out var workerThreads, out var ioThreads);
        ThreadPool.SetMinThreads(Math.Max(workerThreads, concurrency), Math.Max(ioThreads, concurrency));

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var interval = TurnInterval(rate, concurrency);
        var sessions = 0;

        var workers = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
            authorize?.Invoke(http.DefaultRequestHeaders, worker);
            var started = await RunWorkerAsync(http, stopAt, interval, interval * worker / concurrency, result, cancellationToken);
            Interlocked.Add(ref sessions, started);
        }).ToArray();
        await Task.WhenAll(workers);

        result?.Finish(Stopwatch.GetElapsedTime(started));
        return sessions;
    }

    /// <summary>Ticks between one session's turns in open-loop mode, or 0 for closed loop.</summary>
    private static long TurnInterval(int rate, int concurrency) =>
        rate > 0 ? (long)(Stopwatch.Frequency * (double)concurrency / rate) : 0;

    private static async Task<int> RunWorkerAsync(
        HttpClient http,
        long stopAt,
        long interval,
        long startOffset,
        LevelResult? result,
        CancellationToken cancellationToken)
    {
        // Open loop: sessions start spread over one interval, then each turn has a fixed schedule; a turn
        // sent late still counts its latency from when it was due, so queueing shows in the figures.
        var dueAt = Stopwatch.GetTimestamp() + startOffset;
        var sessions = 0;
        while (Stopwatch.GetTimestamp() < stopAt && !cancellationToken.IsCancellationRequested)
        {
            using var created = await http.PostAsJsonAsync("/api/sessions", new { age = 38, sex = "female" }, cancellationToken);
            if (!created.IsSuccessStatusCode)
            {
                result?.RecordError();
                await Task.Delay(10, cancellationToken);
                continue;
            }

            // Read the body asynchronously: a synchronous parse from the network stream blocks a pool thread,
            // which delays the timers the open loop schedules turns with.
            var body = await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var sessionId = body.GetProperty("sessionId").GetString();
            sessions++;
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

        return sessions;
    }
}
