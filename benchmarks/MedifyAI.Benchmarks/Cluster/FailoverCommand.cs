using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using MedifyAI.Benchmarks.Chat;
using MedifyAI.Benchmarks.Commands;
using MedifyAI.Sessions;

namespace MedifyAI.Benchmarks.Cluster;

/// <summary>
/// Measures how long chat sessions are unavailable when a silo receives SIGKILL: per run, a new
/// <see cref="ProductionCluster"/>, one acknowledged turn on each session, SIGKILL of silo-0, then the time from
/// the signal to each session's first successful next turn. Checks afterwards that every acknowledged turn is
/// still stored.
/// </summary>
internal sealed class FailoverCommand : IBenchmarkCommand
{
    /// <summary>
    /// A session counts as affected when its first attempt after the kill failed or took longer than this.
    /// Sessions on the surviving silos replied within 0.4 s in the recorded runs.
    /// </summary>
    private static readonly TimeSpan AffectedThreshold = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Default time one attempt may take before the client abandons it and retries with the same clientMessageId.
    /// A call to a grain on the killed silo stalls until Orleans gives up on it, so this bounds the figure's
    /// resolution: a session that could reply again is seen at the next attempt, up to this much later.
    /// </summary>
    private static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);

    public string Name => "failover";

    public string Description =>
        "SIGKILL of one of 3 silos (PostgreSQL membership, DynamoDB state on dynalite): time to each affected "
        + "session's first successful turn. Options: --sessions 30, --runs 3, --attempt-timeout-ms 1000 "
        + "(time before a stalled attempt is abandoned and retried).";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var sessions = 30;
        var runs = 3;
        var attemptTimeout = DefaultAttemptTimeout;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--sessions": sessions = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--attempt-timeout-ms":
                    attemptTimeout = TimeSpan.FromMilliseconds(int.Parse(args[i + 1], CultureInfo.InvariantCulture));
                    break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'. Usage: {Name} {Description}");
                    return 2;
            }
        }

        var affectedTimes = new List<TimeSpan>();
        var runMedians = new List<TimeSpan>();
        var failed = false;
        for (var run = 1; run <= runs && !cancellationToken.IsCancellationRequested; run++)
        {
            var outcome = await RunOnceAsync(run, sessions, attemptTimeout, cancellationToken);
            if (outcome is null)
            {
                failed = true;
                continue;
            }

            affectedTimes.AddRange(outcome);
            if (outcome.Count > 0)
            {
                runMedians.Add(Median(outcome));
            }
        }

        if (affectedTimes.Count > 0)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"SIGKILL to first successful turn over {runs} runs, {affectedTimes.Count} affected sessions: "
                + $"median of run medians {Median(runMedians).TotalSeconds:F1} s, "
                + $"min {affectedTimes.Min().TotalSeconds:F1} s, median {Median(affectedTimes).TotalSeconds:F1} s, "
                + $"max {affectedTimes.Max().TotalSeconds:F1} s"));
        }

        return failed ? 1 : 0;
    }

    /// <summary>Runs one repetition; returns the affected sessions' times, or null when a check failed.</summary>
    private static async Task<List<TimeSpan>?> RunOnceAsync(
        int run,
        int sessionCount,
        TimeSpan attemptTimeout,
        CancellationToken cancellationToken)
    {
        await using var cluster = await ProductionCluster.StartAsync(siloCount: 3);
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = cluster.ApiBaseAddress, Timeout = Timeout.InfiniteTimeSpan };

        // Every session belongs to its own patient and gets its first turn acknowledged before the kill.
        var chats = new List<Chat>();
        for (var i = 0; i < sessionCount; i++)
        {
            var api = new PatientApi(http, $"failover-{run}-{i}");
            var sessionId = await api.CreateSessionAsync(cancellationToken)
                ?? throw new InvalidOperationException($"Run {run}: creating session {i} failed.");
            chats.Add(new Chat(api, sessionId, []));
        }

        foreach (var chat in chats)
        {
            using var response = await chat.Api.SendMessageAsync(chat.SessionId, ChatScript.Messages[0], "m-1", cancellationToken);
            response.EnsureSuccessStatusCode();
            chat.Replies.Add((await response.Content.ReadFromJsonAsync<TurnReply>(PatientApi.Json, cancellationToken))!);
        }

        var victim = cluster.Silos[0];
        var killed = Stopwatch.GetTimestamp();
        victim.Kill();
        var declaredDead = cluster.WaitUntilDeclaredDeadAsync(victim.Name, killed, RecoveryTimeout);
        var nextTurns = await Task.WhenAll(chats.Select(chat => SendUntilAcceptedAsync(chat, killed, attemptTimeout, cancellationToken)));
        var deadAfter = await declaredDead;

        var affected = nextTurns.Where(turn => turn.Accepted && turn.Affected).Select(turn => turn.SinceKill).ToList();
        var lost = nextTurns.Count(turn => !turn.Accepted);
        var deadText = deadAfter is { } dead
            ? string.Create(CultureInfo.InvariantCulture, $"{dead.TotalSeconds:F1} s")
            : "(not within the timeout)";
        var affectedText = affected.Count > 0
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"SIGKILL to first successful turn min {affected.Min().TotalSeconds:F1} s, "
                + $"median {Median(affected).TotalSeconds:F1} s, max {affected.Max().TotalSeconds:F1} s; ")
            : string.Empty;
        var unaffectedMax = nextTurns.Where(turn => !turn.Affected).Select(turn => turn.SinceKill.TotalSeconds).DefaultIfEmpty().Max();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"run {run}: {victim.Name} declared dead after {deadText}; {affected.Count} of {chats.Count} sessions affected; "
            + $"{affectedText}unaffected max {unaffectedMax:F2} s; {lost} sessions without a successful turn"));

        Console.WriteLine(
            $"run {run}: affected sessions' seconds to first successful turn: "
            + string.Join(' ', affected.Order().Select(time => time.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture))));

        for (var i = 0; i < chats.Count; i++)
        {
            if (nextTurns[i].Reply is { } reply)
            {
                chats[i].Replies.Add(reply);
            }
        }

        var missing = await CountSessionsMissingTurnsAsync(chats, cancellationToken);
        Console.WriteLine($"run {run}: {chats.Count - missing} of {chats.Count} sessions keep every acknowledged turn");
        if (lost > 0 || missing > 0)
        {
            Console.Error.WriteLine(cluster.Diagnostics());
            return null;
        }

        return affected;
    }

    /// <summary>
    /// Sends the second message with one clientMessageId until the API accepts it, so a retry after a failed or
    /// abandoned attempt adds no second turn.
    /// </summary>
    private static async Task<NextTurn> SendUntilAcceptedAsync(
        Chat chat,
        long killed,
        TimeSpan attemptTimeout,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var affected = false;
        while (Stopwatch.GetElapsedTime(killed) < RecoveryTimeout)
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(attemptTimeout);
            try
            {
                using var response = await chat.Api.SendMessageAsync(chat.SessionId, ChatScript.Messages[1], "m-2", attempt.Token);
                if (response.IsSuccessStatusCode)
                {
                    var reply = await response.Content.ReadFromJsonAsync<TurnReply>(PatientApi.Json, cancellationToken);
                    affected |= Stopwatch.GetElapsedTime(started) > AffectedThreshold;
                    return new NextTurn(true, affected, Stopwatch.GetElapsedTime(killed), reply);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Connection refused or the attempt timed out: retry below.
            }

            affected = true;
            await Task.Delay(RetryDelay, cancellationToken);
        }

        return new NextTurn(false, true, Stopwatch.GetElapsedTime(killed), null);
    }

    /// <summary>Counts sessions whose stored turns differ from the acknowledged ones.</summary>
    private static async Task<int> CountSessionsMissingTurnsAsync(List<Chat> chats, CancellationToken cancellationToken)
    {
        var missing = 0;
        foreach (var chat in chats)
        {
            var snapshot = await chat.Api.GetSessionAsync(chat.SessionId, cancellationToken);
            var patientMessageIds = snapshot?.Turns
                .Where(turn => turn.Role == ChatRole.Patient)
                .Select(turn => turn.ClientMessageId)
                .ToList() ?? [];
            var replies = snapshot?.Turns
                .Where(turn => turn.Role == ChatRole.Assistant && turn.Number > 0)
                .Select(turn => turn.Text)
                .ToList() ?? [];
            var expectedIds = Enumerable.Range(1, chat.Replies.Count).Select(turn => $"m-{turn}");
            if (!patientMessageIds.SequenceEqual(expectedIds) || !replies.SequenceEqual(chat.Replies.Select(reply => reply.Reply)))
            {
                Console.Error.WriteLine(
                    $"Session {chat.SessionId}: stored patient turns [{string.Join(", ", patientMessageIds)}], "
                    + $"{replies.Count} replies; expected {chat.Replies.Count} acknowledged turns.");
                missing++;
            }
        }

        return missing;
    }

    private static TimeSpan Median(List<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private sealed record Chat(PatientApi Api, string SessionId, List<TurnReply> Replies);

    private sealed record NextTurn(bool Accepted, bool Affected, TimeSpan SinceKill, TurnReply? Reply);
}
