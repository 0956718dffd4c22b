using System.Diagnostics;
using System.Globalization;
using MedifyAI.Benchmarks.Storage;
using MedifyAI.Persistence.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace MedifyAI.Benchmarks.Commands;

/// <summary>
/// Measures write throughput and latency of <see cref="SqliteGrainStorage"/>: concurrent writers, each standing in
/// for one grain, rewrite their own state one write at a time, as a grain does.
/// </summary>
public sealed class StorageBenchmarkCommand : IBenchmarkCommand
{
    public string Name => "storage";

    public string Description =>
        "SQLite grain storage writes: --writers 200 --writes 20 --state-bytes 4096 --runs 3 "
        + "--synchronous normal|full --serializer json|orleans [--rate writes-per-second]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        StorageBenchmarkSettings settings;
        try
        {
            settings = StorageBenchmarkSettings.Parse(args);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine($"Usage: storage {Description}");
            return 2;
        }

        using var serializers = new BenchmarkSerializers();
        Console.WriteLine(
            $"writers={settings.Writers} writes/writer={settings.WritesPerWriter} state≈{settings.StateBytes} chars "
            + $"synchronous={settings.Synchronous} serializer={settings.Serializer} runs={settings.Runs} "
            + $"rate={(settings.Rate == StorageBenchmarkSettings.Unpaced ? "unpaced" : settings.Rate + "/s")} "
            + $"cores={Environment.ProcessorCount} os={System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

        var results = new List<StorageRunResult>();
        for (var run = 1; run <= settings.Runs; run++)
        {
            var result = await RunOnceAsync(settings, serializers, cancellationToken);
            results.Add(result);
            Console.WriteLine($"run {run}: {result}");
        }

        Console.WriteLine(
            "median: "
            + $"{Median(results.Select(r => r.WritesPerSecond)):F0} writes/s, "
            + $"p50 {Median(results.Select(r => r.P50Ms)):F2} ms, "
            + $"p99 {Median(results.Select(r => r.P99Ms)):F2} ms, "
            + $"max {Median(results.Select(r => r.MaxMs)):F2} ms, "
            + $"{Median(results.Select(r => r.AverageBatchSize)):F1} writes/commit");
        return 0;
    }

    private static async Task<StorageRunResult> RunOnceAsync(
        StorageBenchmarkSettings settings,
        BenchmarkSerializers serializers,
        CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "medifyai-storage-bench-" + Guid.NewGuid().ToString("N"));
        var serializer = serializers.Get(settings.Serializer);
        var options = new SqliteGrainStorageOptions
        {
            DatabasePath = Path.Combine(directory, "grain-state.db"),
            Synchronous = settings.Synchronous,
            GrainStorageSerializer = serializer,
        };

        var storage = new SqliteGrainStorage(
            "benchmark",
            options,
            Options.Create(new ClusterOptions { ServiceId = "benchmark" }),
            serializers.ActivatorProvider,
            NullLogger<SqliteGrainStorage>.Instance);

        try
        {
            await storage.InitializeAsync(cancellationToken);

            var start = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var latencies = new long[settings.Writers][];
            var writers = new Task[settings.Writers];
            var payloadBytes = 0;
            for (var w = 0; w < settings.Writers; w++)
            {
                var writerIndex = w;
                latencies[writerIndex] = new long[settings.WritesPerWriter];
                var grainId = GrainId.Create("bench-session", writerIndex.ToString(CultureInfo.InvariantCulture));
                var state = new BenchmarkGrainState(CreateState(settings.StateBytes, writerIndex));
                payloadBytes = serializer.Serialize(state.State).Length;

                writers[writerIndex] = Task.Run(async () =>
                {
                    // An activation reads its state first; that read is not part of the write figures.
                    await storage.ReadStateAsync("session", grainId, new BenchmarkGrainState(null), cancellationToken);
                    var startedAt = await start.Task;
                    for (var i = 0; i < settings.WritesPerWriter; i++)
                    {
                        await WaitForScheduleAsync(settings, startedAt, writerIndex, i, cancellationToken);
                        state.State!.Revision = i;
                        state.State.UpdatedAt = DateTimeOffset.UtcNow;
                        var begin = Stopwatch.GetTimestamp();
                        await storage.WriteStateAsync("session", grainId, state, cancellationToken);
                        latencies[writerIndex][i] = Stopwatch.GetTimestamp() - begin;
                    }
                }, cancellationToken);
            }

            // Let every writer finish its read before the clock starts.
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            var batchesBefore = storage.BatchCount;
            var operationsBefore = storage.OperationCount;
            var clock = Stopwatch.StartNew();
            start.SetResult(Stopwatch.GetTimestamp());
            await Task.WhenAll(writers);
            clock.Stop();

            var all = latencies.SelectMany(l => l).Order().ToArray();
            var writes = all.Length;
            var batches = storage.BatchCount - batchesBefore;
            return new StorageRunResult(
                WritesPerSecond: writes / clock.Elapsed.TotalSeconds,
                P50Ms: ToMilliseconds(Percentile(all, 0.50)),
                P99Ms: ToMilliseconds(Percentile(all, 0.99)),
                MaxMs: ToMilliseconds(all[^1]),
                AverageBatchSize: batches == 0 ? 0 : (double)(storage.OperationCount - operationsBefore) / batches,
                PayloadBytes: payloadBytes);
        }
        finally
        {
            await storage.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task WaitForScheduleAsync(
        StorageBenchmarkSettings settings,
        long startedAt,
        int writerIndex,
        int writeIndex,
        CancellationToken cancellationToken)
    {
        if (settings.Rate == StorageBenchmarkSettings.Unpaced)
        {
            return;
        }

        var dueSeconds = ((double)writeIndex * settings.Writers + writerIndex) / settings.Rate;
        var wait = TimeSpan.FromSeconds(dueSeconds) - Stopwatch.GetElapsedTime(startedAt);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    private static BenchmarkChatState CreateState(int stateBytes, int seed)
    {
        var random = new Random(seed);
        var state = new BenchmarkChatState { SessionId = Guid.NewGuid() };
        var remaining = stateBytes;
        while (remaining > 0)
        {
            var length = Math.Min(remaining, 200);
            var turn = new char[length];
            for (var i = 0; i < length; i++)
            {
                turn[i] = (char)('a' + random.Next(26));
            }

            state.Turns.Add(new string(turn));
            remaining -= length;
        }

        return state;
    }

    private static long Percentile(long[] sorted, double fraction) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    private static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
