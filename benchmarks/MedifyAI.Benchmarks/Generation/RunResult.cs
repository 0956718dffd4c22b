using System.Globalization;

namespace MedifyAI.Benchmarks.Generation;

/// <summary>Figures of one generation benchmark run, in milliseconds.</summary>
/// <param name="Overheads">Per plain turn: client-observed turn time minus the fake's time on the model request.</param>
/// <param name="Relays">Per streamed turn: first token event read by the client minus the fake's first PayloadPart flush.</param>
/// <param name="TurnsWithoutModel">Plain turns the guided interview answered alone (emergency screening).</param>
/// <param name="Errors">Requests that failed.</param>
internal sealed record RunResult(List<double> Overheads, List<double> Relays, int TurnsWithoutModel, int Errors)
{
    public double OverheadP50 => Percentile(Overheads, 0.50);

    public double OverheadP99 => Percentile(Overheads, 0.99);

    public double RelayP50 => Percentile(Relays, 0.50);

    public double RelayP99 => Percentile(Relays, 0.99);

    public string Format() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Overheads.Count} model-backed turns: overhead p50 {OverheadP50:F2} ms, p99 {OverheadP99:F2} ms; "
        + $"{Relays.Count} streamed turns: first-token relay p50 {RelayP50:F2} ms, p99 {RelayP99:F2} ms; "
        + $"{TurnsWithoutModel} turns without the model, {Errors} errors");

    private static double Percentile(List<double> values, double quantile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
    }
}
