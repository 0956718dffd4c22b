using System.Diagnostics.CodeAnalysis;
using Orleans;

namespace MedifyAI.Tests.Persistence;

/// <summary>
/// <see cref="IGrainState{T}"/> for the conformance tests. Its <see cref="State"/> is typed non-null because every
/// provider must fill in a fresh state on reads and clears; a provider that leaves null fails the test that reads it.
/// </summary>
public sealed class ConformanceGrainState : IGrainState<ConformanceState>
{
    private ConformanceState? _state;

    /// <summary>Creates an empty holder for a read; the provider sets <see cref="State"/>.</summary>
    public ConformanceGrainState()
    {
    }

    public ConformanceGrainState(ConformanceState state) => _state = state;

    [AllowNull]
    public ConformanceState State
    {
        get => _state!;
        set => _state = value;
    }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
