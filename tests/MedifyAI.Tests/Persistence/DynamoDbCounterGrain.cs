namespace MedifyAI.Tests.Persistence;

/// <summary>Counter grain stored under state name "counter" in the provider <see cref="StorageName"/>.</summary>
public sealed class DynamoDbCounterGrain(
    [PersistentState("counter", DynamoDbCounterGrain.StorageName)] IPersistentState<CounterState> state)
    : Grain, IDynamoDbCounterGrain
{
    public const string StorageName = "dynamodb-test";

    async Task<int> IDynamoDbCounterGrain.IncrementAsync(string note)
    {
        state.State.Count++;
        state.State.Notes.Add(note);
        await state.WriteStateAsync();
        return state.State.Count;
    }

    Task<CounterState> IDynamoDbCounterGrain.GetAsync() => Task.FromResult(state.State);

    Task IDynamoDbCounterGrain.ClearAsync() => state.ClearStateAsync();
}
