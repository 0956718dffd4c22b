using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace MedifyAI.Persistence.Sqlite;

/// <summary>
/// Registers <see cref="SqliteGrainStorage"/> in a service collection.
/// </summary>
public static class SqliteGrainStorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds a SQLite grain storage named <paramref name="name"/>, its named options, the default-serializer
    /// post-configuration and a start-up validator. The provider joins the silo lifecycle, so its table is created
    /// at start-up and its queued writes are committed at shut-down.
    /// </summary>
    public static IServiceCollection AddSqliteGrainStorage(
        this IServiceCollection services,
        string name,
        Action<OptionsBuilder<SqliteGrainStorageOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        configureOptions?.Invoke(services.AddOptions<SqliteGrainStorageOptions>(name));
        services.AddTransient<IPostConfigureOptions<SqliteGrainStorageOptions>,
            DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>();
        services.AddSingleton<IConfigurationValidator>(sp => new SqliteGrainStorageOptionsValidator(
            sp.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name),
            name));

        return services.AddGrainStorage(name, CreateStorage);
    }

    private static SqliteGrainStorage CreateStorage(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name);
        return ActivatorUtilities.CreateInstance<SqliteGrainStorage>(services, name, options);
    }
}
