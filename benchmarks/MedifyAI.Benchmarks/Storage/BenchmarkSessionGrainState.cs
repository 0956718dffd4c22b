using MedifyAI.Sessions;

namespace MedifyAI.Benchmarks.Storage;

/// <summary><see cref="IGrainState{T}"/> holding a session state for the chat bytes benchmark.</summary>
internal sealed class BenchmarkSessionGrainState(PatientSessionState? state) : IGrainState<PatientSessionState>
{
    public PatientSessionState? State { get; set; } = state;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
