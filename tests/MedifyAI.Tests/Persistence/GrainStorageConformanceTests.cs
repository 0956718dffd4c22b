using Orleans.Runtime;
using Orleans.Storage;

namespace MedifyAI.Tests.Persistence;

/// <summary>
/// Provider-neutral checks of the <see cref="IGrainStorage"/> contract. A provider's test class derives from this
/// class and returns a ready provider from <see cref="CreateStorageAsync"/>; xUnit creates one instance, and so
/// one provider, per test.
/// </summary>
/// <remarks>
/// The suite accepts both ways of clearing: deleting the record (the clear leaves a null ETag) and keeping a
/// tombstone (the clear leaves a new ETag). Either way a read after the clear must return the ETag the clear left,
/// and a write with that ETag must succeed.
/// </remarks>
public abstract class GrainStorageConformanceTests : IAsyncLifetime
{
    protected const string StateName = "state";

    private IGrainStorage? _storage;

    /// <summary>The provider under test, created before each test.</summary>
    protected IGrainStorage Storage => _storage ?? throw new InvalidOperationException("Storage is not created yet.");

    /// <summary>Creates an initialised provider on empty storage.</summary>
    protected abstract Task<IGrainStorage> CreateStorageAsync();

    /// <summary>Releases the provider; the default disposes it when it is disposable.</summary>
    protected virtual async Task DisposeStorageAsync(IGrainStorage storage)
    {
        switch (storage)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    public async Task InitializeAsync() => _storage = await CreateStorageAsync();

    public async Task DisposeAsync()
    {
        if (_storage is not null)
        {
            await DisposeStorageAsync(_storage);
        }
    }

    [Fact]
    public async Task Read_MissingRecord_ReturnsFreshState()
    {
        var state = await ReadAsync(NewGrainId());

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        Assert.NotNull(state.State);
        Assert.Equal(string.Empty, state.State.Text);
        Assert.Equal(0, state.State.Counter);
        Assert.Empty(state.State.Items);
    }

    [Fact]
    public async Task Write_NullETag_InsertsRecord()
    {
        var grainId = NewGrainId();
        var written = NewState(CreateSampleState("first"));

        await Storage.WriteStateAsync(StateName, grainId, written);

        Assert.NotNull(written.ETag);
        Assert.True(written.RecordExists);
        var read = await ReadAsync(grainId);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("first", read.State.Text);
    }

    [Fact]
    public async Task Write_NullETagTwice_Throws()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(StateName, grainId, NewState(CreateSampleState("winner")));

        var second = NewState(CreateSampleState("loser"));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grainId, second));

        var read = await ReadAsync(grainId);
        Assert.Equal("winner", read.State.Text);
    }

    [Fact]
    public async Task Write_MatchingETag_Updates()
    {
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("v1"));
        await Storage.WriteStateAsync(StateName, grainId, state);
        var firstETag = state.ETag;

        state.State.Text = "v2";
        state.State.Counter = 2;
        await Storage.WriteStateAsync(StateName, grainId, state);

        Assert.NotEqual(firstETag, state.ETag);
        var read = await ReadAsync(grainId);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal("v2", read.State.Text);
        Assert.Equal(2, read.State.Counter);
    }

    [Fact]
    public async Task Write_StaleETag_ThrowsAndKeepsData()
    {
        var grainId = NewGrainId();
        var first = NewState(CreateSampleState("v1"));
        await Storage.WriteStateAsync(StateName, grainId, first);
        var staleETag = first.ETag;
        first.State.Text = "v2";
        await Storage.WriteStateAsync(StateName, grainId, first);

        var stale = NewState(CreateSampleState("stale"));
        stale.ETag = staleETag;
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grainId, stale));

        var read = await ReadAsync(grainId);
        Assert.Equal("v2", read.State.Text);
        Assert.Equal(first.ETag, read.ETag);
    }

    [Fact]
    public async Task Write_ETagForMissingRecord_Throws()
    {
        var grainId = NewGrainId();

        // Take a real ETag from another grain so the value is well-formed for the provider.
        var other = NewState(CreateSampleState("other"));
        await Storage.WriteStateAsync(StateName, NewGrainId(), other);

        var state = NewState(CreateSampleState("orphan"));
        state.ETag = other.ETag;
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grainId, state));

        var read = await ReadAsync(grainId);
        Assert.False(read.RecordExists);
    }

    [Fact]
    public async Task Write_ForeignETag_Throws()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(StateName, grainId, NewState(CreateSampleState("kept")));

        var state = NewState(CreateSampleState("foreign"));
        state.ETag = "not-an-etag-this-provider-issued";
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grainId, state));

        Assert.Equal("kept", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task ETag_ChangesOnEveryWrite()
    {
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("start"));
        var seen = new HashSet<string>();

        for (var i = 0; i < 10; i++)
        {
            state.State.Counter = i;
            await Storage.WriteStateAsync(StateName, grainId, state);
            Assert.NotNull(state.ETag);
            Assert.True(seen.Add(state.ETag), $"ETag '{state.ETag}' was returned twice (write {i}).");
        }

        Assert.Equal(9, (await ReadAsync(grainId)).State.Counter);
    }

    [Fact]
    public async Task Clear_MatchingETag_RemovesRecord()
    {
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("doomed"));
        await Storage.WriteStateAsync(StateName, grainId, state);

        await Storage.ClearStateAsync(StateName, grainId, state);

        Assert.False(state.RecordExists);
        Assert.Equal(string.Empty, state.State.Text);
        var read = await ReadAsync(grainId);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(string.Empty, read.State.Text);
        Assert.Empty(read.State.Items);
    }

    [Fact]
    public async Task Clear_StaleETag_ThrowsAndKeepsData()
    {
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("v1"));
        await Storage.WriteStateAsync(StateName, grainId, state);
        var staleETag = state.ETag;
        state.State.Text = "v2";
        await Storage.WriteStateAsync(StateName, grainId, state);

        var stale = NewState(new ConformanceState());
        stale.ETag = staleETag;
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.ClearStateAsync(StateName, grainId, stale));

        var read = await ReadAsync(grainId);
        Assert.True(read.RecordExists);
        Assert.Equal("v2", read.State.Text);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task Clear_NullETagOnExistingRecord_Throws()
    {
        var grainId = NewGrainId();
        await Storage.WriteStateAsync(StateName, grainId, NewState(CreateSampleState("kept")));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.ClearStateAsync(StateName, grainId, NewState(new ConformanceState())));

        Assert.Equal("kept", (await ReadAsync(grainId)).State.Text);
    }

    [Fact]
    public async Task Clear_MissingRecordWithNullETag_Succeeds()
    {
        var grainId = NewGrainId();
        var state = NewState(new ConformanceState());

        await Storage.ClearStateAsync(StateName, grainId, state);

        Assert.False(state.RecordExists);
        var read = await ReadAsync(grainId);
        Assert.False(read.RecordExists);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task Write_AfterClear_WithClearETag_Succeeds()
    {
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("before"));
        await Storage.WriteStateAsync(StateName, grainId, state);
        await Storage.ClearStateAsync(StateName, grainId, state);
        var clearETag = state.ETag;

        state.State.Text = "after";
        await Storage.WriteStateAsync(StateName, grainId, state);

        Assert.True(state.RecordExists);
        Assert.NotEqual(clearETag, state.ETag);
        var read = await ReadAsync(grainId);
        Assert.True(read.RecordExists);
        Assert.Equal("after", read.State.Text);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Fact]
    public async Task Write_AfterClear_WithPreClearETag_Throws()
    {
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("before"));
        await Storage.WriteStateAsync(StateName, grainId, state);
        var preClearETag = state.ETag;
        await Storage.ClearStateAsync(StateName, grainId, state);

        var stale = NewState(CreateSampleState("stale"));
        stale.ETag = preClearETag;
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(StateName, grainId, stale));

        Assert.False((await ReadAsync(grainId)).RecordExists);
    }

    [Fact]
    public async Task StateNames_AreIndependent()
    {
        var grainId = NewGrainId();
        var profile = NewState(CreateSampleState("profile"));
        var history = NewState(CreateSampleState("history"));

        await Storage.WriteStateAsync("profile", grainId, profile);
        await Storage.WriteStateAsync("history", grainId, history);
        await Storage.ClearStateAsync("profile", grainId, profile);

        Assert.False((await ReadAsync(grainId, "profile")).RecordExists);
        var readHistory = await ReadAsync(grainId, "history");
        Assert.True(readHistory.RecordExists);
        Assert.Equal("history", readHistory.State.Text);
        Assert.Equal(history.ETag, readHistory.ETag);
        Assert.False((await ReadAsync(grainId, "other")).RecordExists);
    }

    [Fact]
    public async Task GrainIds_AreIndependent()
    {
        var key = Guid.NewGuid().ToString("N");
        var session = GrainId.Create("session", key);
        var sameKeyOtherType = GrainId.Create("dataset", key);
        var otherKey = GrainId.Create("session", key + "-2");

        await Storage.WriteStateAsync(StateName, session, NewState(CreateSampleState("session")));
        await Storage.WriteStateAsync(StateName, sameKeyOtherType, NewState(CreateSampleState("dataset")));

        Assert.Equal("session", (await ReadAsync(session)).State.Text);
        Assert.Equal("dataset", (await ReadAsync(sameKeyOtherType)).State.Text);
        Assert.False((await ReadAsync(otherKey)).RecordExists);

        // A null ETag is still accepted for a grain that shares its key string with a stored one.
        await Storage.WriteStateAsync(StateName, otherKey, NewState(CreateSampleState("other")));
        Assert.Equal("other", (await ReadAsync(otherKey)).State.Text);
    }

    [Fact]
    public async Task LargeState_RoundTrips()
    {
        var grainId = NewGrainId();
        var large = CreateSampleState("large");
        large.Blob = new byte[300 * 1024];
        new Random(42).NextBytes(large.Blob);
        large.Items = Enumerable.Range(0, 2_000).Select(i => $"item {i} – ünïcödé").ToList();

        await Storage.WriteStateAsync(StateName, grainId, NewState(large));

        var read = await ReadAsync(grainId);
        Assert.Equal(large.Blob, read.State.Blob);
        Assert.Equal(large.Items, read.State.Items);
    }

    [Fact]
    public async Task RichState_RoundTripsEveryMember()
    {
        var grainId = NewGrainId();
        var written = CreateSampleState("Grüße, 患者, مريض, 🩺 chest pain");

        await Storage.WriteStateAsync(StateName, grainId, NewState(written));

        var read = (await ReadAsync(grainId)).State;
        Assert.Equal(written.Text, read.Text);
        Assert.Equal(written.Counter, read.Counter);
        Assert.Equal(written.Items, read.Items);
        Assert.Equal(written.Scores, read.Scores);
        Assert.Equal(written.UpdatedAt, read.UpdatedAt);
        Assert.Equal(written.UpdatedAt.Offset, read.UpdatedAt.Offset);
        Assert.NotNull(read.Nested);
        Assert.Equal(written.Nested!.Name, read.Nested.Name);
        Assert.Equal(written.Nested.Weight, read.Nested.Weight);
        Assert.Equal(written.Nested.Id, read.Nested.Id);
        Assert.Single(read.Nested.Children);
        Assert.Equal(written.Nested.Children[0].Name, read.Nested.Children[0].Name);
        Assert.Equal(written.Blob, read.Blob);
    }

    [Fact]
    public async Task ConcurrentWriters_DifferentGrains_AllSucceed()
    {
        const int grainCount = 50;
        const int writesPerGrain = 10;
        var grainIds = Enumerable.Range(0, grainCount).Select(_ => NewGrainId()).ToArray();

        var writers = grainIds.Select(grainId => Task.Run(async () =>
        {
            var state = NewState(CreateSampleState(grainId.ToString()));
            for (var i = 1; i <= writesPerGrain; i++)
            {
                state.State.Counter = i;
                await Storage.WriteStateAsync(StateName, grainId, state);
            }

            return state.ETag;
        }));
        var finalETags = await Task.WhenAll(writers);

        for (var i = 0; i < grainCount; i++)
        {
            var read = await ReadAsync(grainIds[i]);
            Assert.Equal(writesPerGrain, read.State.Counter);
            Assert.Equal(grainIds[i].ToString(), read.State.Text);
            Assert.Equal(finalETags[i], read.ETag);
        }
    }

    /// <summary>Reads <paramref name="stateName"/> of a grain into a new <see cref="GrainState{T}"/>.</summary>
    protected async Task<ConformanceGrainState> ReadAsync(GrainId grainId, string stateName = StateName)
    {
        var state = new ConformanceGrainState();
        await Storage.ReadStateAsync(stateName, grainId, state);
        return state;
    }

    protected static GrainId NewGrainId() => GrainId.Create("conformance", Guid.NewGuid().ToString("N"));

    protected static ConformanceGrainState NewState(ConformanceState state) => new(state);

    protected static ConformanceState CreateSampleState(string text) => new()
    {
        Text = text,
        Counter = 7,
        Items = ["headache", "fièvre", "頭痛"],
        Scores = new Dictionary<string, int> { ["urgency"] = 3, ["confidence"] = 80 },
        UpdatedAt = new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.FromHours(5.5)).AddTicks(5_358_979),
        Nested = new ConformanceNestedRecord(
            "parent",
            0.125,
            Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            [new ConformanceNestedRecord("child", 2.5, Guid.Empty, [])]),
        Blob = [0, 1, 2, 254, 255],
    };
}
