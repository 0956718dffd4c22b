using System.Globalization;

namespace MedifyAI.Benchmarks.Chat;

/// <summary>Turn latencies and counts of one concurrency level.</summary>
internal sealed class LevelResult(int concurrency)
{
    private readonly List<double> _latenciesMs = new(100_000);
    private readonly object _gate = new();
    private int _errors;
    private int _sessions;
    private TimeSpan _elapsed;

    public int SessionsStarted => _sessions;

    public void RecordTurn(TimeSpan latency)
    {
        lock (_gate)
        {
            _latenciesMs.Add(latency.TotalMilliseconds);
        }
    }

    public void RecordError() => Interlocked.Increment(ref _errors);

    public void SessionStarted() => Interlocked.Increment(ref _sessions);

    public void Finish(TimeSpan elapsed) => _elapsed = elapsed;

    public string Format()
    {
        _latenciesMs.Sort();
        var throughput = _latenciesMs.Count / _elapsed.TotalSeconds;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{concurrency,5} | {_latenciesMs.Count,5} | {throughput,7:F0} | {Percentile(0.50),6:F2} | {Percentile(0.99),6:F2} | {_errors}");
    }

    private double Percentile(double fraction)
    {
        if (_latenciesMs.Count == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(fraction * _latenciesMs.Count) - 1;
        return _latenciesMs[Math.Clamp(index, 0, _latenciesMs.Count - 1)];
    }
}
