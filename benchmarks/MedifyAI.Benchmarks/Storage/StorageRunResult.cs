using System.Globalization;

namespace MedifyAI.Benchmarks.Storage;

/// <summary>Figures of one storage benchmark run. Latencies are per write, in milliseconds.</summary>
public sealed record StorageRunResult(
    double WritesPerSecond,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    double AverageBatchSize,
    int PayloadBytes)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{WritesPerSecond:F0} writes/s, p50 {P50Ms:F2} ms, p99 {P99Ms:F2} ms, max {MaxMs:F2} ms, "
        + $"{AverageBatchSize:F1} writes/commit, payload {PayloadBytes} bytes");
}
