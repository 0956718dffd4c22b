namespace MedifyAI.Benchmarks.Storage;

/// <summary>The <see cref="IGrainState{T}"/> one benchmark writer keeps between writes, as a grain would.</summary>
public sealed class BenchmarkGrainState(BenchmarkChatState? state) : IGrainState<BenchmarkChatState>
{
    public BenchmarkChatState? State { get; set; } = state;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
