namespace MedifyAI.Tests.Persistence;

/// <summary>Test grain whose counter is persisted by the SQLite grain storage.</summary>
public interface ISqliteCounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one to the counter, records <paramref name="note"/> and writes the state.</summary>
    Task<int> IncrementAsync(string note);

    Task<CounterState> GetAsync();

    /// <summary>Clears the stored state.</summary>
    Task ClearAsync();
}
