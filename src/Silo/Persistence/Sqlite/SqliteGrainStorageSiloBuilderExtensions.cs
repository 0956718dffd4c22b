using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Providers;

namespace MedifyAI.Persistence.Sqlite;

/// <summary>
/// Adds <see cref="SqliteGrainStorage"/> providers to a silo.
/// </summary>
public static class SqliteGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds a SQLite grain storage named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(
        this ISiloBuilder builder,
        string name,
        Action<SqliteGrainStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        return builder.AddSqliteGrainStorage(name, options => options.Configure(configureOptions));
    }

    /// <summary>Adds a SQLite grain storage named <paramref name="name"/>, configured through an options builder.</summary>
    public static ISiloBuilder AddSqliteGrainStorage(
        this ISiloBuilder builder,
        string name,
        Action<OptionsBuilder<SqliteGrainStorageOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSqliteGrainStorage(name, configureOptions);
        return builder;
    }

    /// <summary>Adds a SQLite grain storage as the default provider (the one grains get when they name none).</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(
        this ISiloBuilder builder,
        Action<SqliteGrainStorageOptions> configureOptions) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds a SQLite grain storage as the default provider, configured through an options builder.</summary>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(
        this ISiloBuilder builder,
        Action<OptionsBuilder<SqliteGrainStorageOptions>>? configureOptions = null) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);
}
