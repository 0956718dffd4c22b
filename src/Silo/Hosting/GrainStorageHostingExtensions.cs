using MedifyAI.Persistence.DynamoDB;
using MedifyAI.Persistence.Sqlite;
using Orleans.Storage;

namespace MedifyAI.Silo.Hosting;

/// <summary>Registers the named grain storages the grains use on the configured backend.</summary>
internal static class GrainStorageHostingExtensions
{
    /// <summary>Configuration section bound to <see cref="DynamoDbGrainStorageOptions"/>.</summary>
    public const string DynamoDbSectionName = "MedifyAI:DynamoDb";

    /// <summary>Every storage name a grain or Orleans itself requests; each maps to the configured backend.</summary>
    private static readonly string[] StorageNamesInUse =
    [
        StorageNames.Sessions,
        StorageNames.Datasets,
        StorageNames.Patients,
        StorageNames.Audit,
        "PubSubStore",
    ];

    public static ISiloBuilder AddMedifyGrainStorage(this ISiloBuilder silo, SiloSettings settings, IConfiguration configuration)
    {
        foreach (var name in StorageNamesInUse)
        {
            switch (settings.Storage)
            {
                case GrainStorageProvider.Memory:
                    silo.AddMemoryGrainStorage(name);
                    break;
                case GrainStorageProvider.DynamoDb:
                    // Every storage name shares the one table. Items are keyed by grain id and state name, so two
                    // names meet only where one grain keeps two states under the same state name.
                    silo.AddDynamoDbGrainStorage(name, options => options
                        .Bind(configuration.GetSection(DynamoDbSectionName))
                        .Configure<IServiceProvider>((storage, services) => storage.GrainStorageSerializer =
                            new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>())));
                    break;
                default:
                    // One file per storage name, so the sessions writer does not share a lock with the datasets writer.
                    var path = Path.Combine(settings.DataDirectory, $"grains-{name}.db");
                    silo.AddSqliteGrainStorage(name, options => options.Configure<IServiceProvider>((storage, services) =>
                    {
                        storage.DatabasePath = path;

                        // Orleans' binary serializer: several times faster than JSON for state, and version-tolerant
                        // through the [Id] numbers every stored type carries.
                        storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>());
                    }));
                    break;
            }
        }

        return silo;
    }
}
