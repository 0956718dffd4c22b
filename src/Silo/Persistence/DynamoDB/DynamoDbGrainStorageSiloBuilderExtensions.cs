using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Providers;

namespace MedifyAI.Persistence.DynamoDB;

/// <summary>
/// Adds <see cref="DynamoDbGrainStorage"/> providers to a silo.
/// </summary>
public static class DynamoDbGrainStorageSiloBuilderExtensions
{
    /// <summary>Adds a DynamoDB grain storage named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddDynamoDbGrainStorage(
        this ISiloBuilder builder,
        string name,
        Action<DynamoDbGrainStorageOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        return builder.AddDynamoDbGrainStorage(name, options => options.Configure(configureOptions));
    }

    /// <summary>Adds a DynamoDB grain storage named <paramref name="name"/>, configured through an options builder.</summary>
    public static ISiloBuilder AddDynamoDbGrainStorage(
        this ISiloBuilder builder,
        string name,
        Action<OptionsBuilder<DynamoDbGrainStorageOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDynamoDbGrainStorage(name, configureOptions);
        return builder;
    }

    /// <summary>Adds a DynamoDB grain storage as the default provider (the one grains get when they name none).</summary>
    public static ISiloBuilder AddDynamoDbGrainStorageAsDefault(
        this ISiloBuilder builder,
        Action<DynamoDbGrainStorageOptions> configureOptions) =>
        builder.AddDynamoDbGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds a DynamoDB grain storage as the default provider, configured through an options builder.</summary>
    public static ISiloBuilder AddDynamoDbGrainStorageAsDefault(
        this ISiloBuilder builder,
        Action<OptionsBuilder<DynamoDbGrainStorageOptions>>? configureOptions = null) =>
        builder.AddDynamoDbGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);
}
