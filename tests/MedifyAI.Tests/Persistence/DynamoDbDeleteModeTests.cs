using MedifyAI.Persistence.DynamoDB;
using Orleans.Storage;

namespace MedifyAI.Tests.Persistence;

/// <summary>
/// Runs the conformance suite against <see cref="DynamoDbGrainStorage"/> with <see cref="DynamoDbClearMode.Delete"/>.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbDeleteModeTests(DynaliteFixture dynalite) : GrainStorageConformanceTests
{
    protected override async Task<IGrainStorage> CreateStorageAsync() =>
        await DynamoDbGrainStorageTests.OpenStorageAsync(
            dynalite,
            options => options.ClearMode = DynamoDbClearMode.Delete);

    [Fact]
    public async Task Clear_DeletesItem()
    {
        var grainId = NewGrainId();
        var state = NewState(CreateSampleState("deleted"));
        await Storage.WriteStateAsync(StateName, grainId, state);

        await Storage.ClearStateAsync(StateName, grainId, state);

        Assert.Null(state.ETag);
        var read = await ReadAsync(grainId);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }
}
