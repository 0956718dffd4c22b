using MedifyAI.Persistence.Sqlite;
using Orleans.Storage;

namespace MedifyAI.Silo.Hosting;

/// <summary>Registers the named grain storages the grains use on the configured backend.</summary>
internal static class GrainStorageHostingExtensions
{
    /// <summary>Every storage name a grain or Orleans itself asks for; each maps to the configured backend.</summary>
    private static readonly string[] StorageNamesInUse =
    [
        StorageNames.Sessions,
        StorageNames.Datasets,
        StorageNames.Patients,
        StorageNames.Audit,
        "PubSubStore",
    ];

    public static ISiloBuilder AddMedifyGrainStorage(this ISiloBuilder silo, SiloSettings settings)
    {
        foreach (var name in StorageNamesInUse)
        {
            switch (settings.Storage)
            {
                case GrainStorageProvider.Memory:
                    silo.AddMemoryGrainStorage(name);
                    break;
                default:
                    // One file per storage name, so a busy sessions store never waits on the datasets writer.
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
