using Amazon.DynamoDBv2;
using MedifyAI.Persistence.DynamoDB;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace MedifyAI.Tests.Persistence;

/// <summary>
/// Runs <see cref="DynamoDbGrainStorage"/> inside an in-process Orleans cluster, registered through
/// <see cref="DynamoDbGrainStorageSiloBuilderExtensions"/> with the client taken from the service container.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class DynamoDbGrainStorageSiloTests(DynaliteFixture dynalite)
{
    private const string ServiceId = "dynamodb-silo-tests";

    [Fact]
    public async Task GrainState_SurvivesClusterRestart()
    {
        var tableName = "silo-" + Guid.NewGuid().ToString("N");

        await using (var cluster = await StartClusterAsync(tableName))
        {
            var grain = cluster.Client.GetGrain<IDynamoDbCounterGrain>("patient-1");
            Assert.Equal(1, await grain.IncrementAsync("first visit"));
            Assert.Equal(2, await grain.IncrementAsync("zweiter Besuch – ü"));
            await cluster.StopAllSilosAsync();
        }

        await using (var restarted = await StartClusterAsync(tableName))
        {
            var grain = restarted.Client.GetGrain<IDynamoDbCounterGrain>("patient-1");
            var state = await grain.GetAsync();
            Assert.Equal(2, state.Count);
            Assert.Equal(["first visit", "zweiter Besuch – ü"], state.Notes);
            Assert.Equal(3, await grain.IncrementAsync("after restart"));

            await grain.ClearAsync();
            Assert.Equal(0, (await grain.GetAsync()).Count);
            Assert.Equal(1, await grain.IncrementAsync("after clear"));
            await restarted.StopAllSilosAsync();
        }
    }

    [Fact]
    public async Task InvalidTableName_FailsSiloStart()
    {
        var builder = CreateBuilder("x");
        await using var cluster = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.DeployAsync());

        Assert.Contains("DynamoDbGrainStorageOptions", error.ToString());
        Assert.Contains("TableName 'x'", error.ToString());
    }

    private async Task<InProcessTestCluster> StartClusterAsync(string tableName)
    {
        var cluster = CreateBuilder(tableName).Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private InProcessTestClusterBuilder CreateBuilder(string tableName)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IAmazonDynamoDB>(_ => dynalite.CreateClient());
            silo.AddDynamoDbGrainStorage(DynamoDbCounterGrain.StorageName, options =>
            {
                options.TableName = tableName;
                options.CreateTableIfNotExists = true;
            });
        });
        return builder;
    }
}
