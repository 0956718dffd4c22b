namespace MedifyAI.Tests.Persistence;

/// <summary>Counter grain stored under state name "counter" in the provider <see cref="StorageName"/>.</summary>
public sealed class SqliteCounterGrain(
    [PersistentState("counter", SqliteCounterGrain.StorageName)] IPersistentState<CounterState> state)
    : Grain, ISqliteCounterGrain
{
    public const string StorageName = "sqlite-test";

    async Task<int> ISqliteCounterGrain.IncrementAsync(string note)
    {
        state.State.Count++;
        state.State.Notes.Add(note);
        await state.WriteStateAsync();
        return state.State.Count;
    }

    Task<CounterState> ISqliteCounterGrain.GetAsync() => Task.FromResult(state.State);

    Task ISqliteCounterGrain.ClearAsync() => state.ClearStateAsync();
}
