namespace MedifyAI.Silo.Hosting;

/// <summary>Registers the named grain storages the grains use on the configured backend.</summary>
internal static class GrainStorageHostingExtensions
{
    private static readonly string[] StorageNamesInUse = [StorageNames.Sessions, StorageNames.Datasets, "PubSubStore"];

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
                    silo.AddMemoryGrainStorage(name);
                    break;
            }
        }

        return silo;
    }
}
