using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace MedifyAI.Persistence.DynamoDB;

/// <summary>
/// Registers <see cref="DynamoDbGrainStorage"/> in a service collection.
/// </summary>
public static class DynamoDbGrainStorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds a DynamoDB grain storage named <paramref name="name"/>, its named options, the default-serializer
    /// post-configuration and a start-up validator. The provider joins the silo lifecycle, so its table is checked
    /// (and created when configured) at start-up. See <see cref="DynamoDbGrainStorageOptions"/> for where the
    /// DynamoDB client comes from.
    /// </summary>
    public static IServiceCollection AddDynamoDbGrainStorage(
        this IServiceCollection services,
        string name,
        Action<OptionsBuilder<DynamoDbGrainStorageOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        configureOptions?.Invoke(services.AddOptions<DynamoDbGrainStorageOptions>(name));
        services.AddTransient<IPostConfigureOptions<DynamoDbGrainStorageOptions>,
            DefaultStorageProviderSerializerOptionsConfigurator<DynamoDbGrainStorageOptions>>();
        services.AddSingleton<IConfigurationValidator>(sp => new DynamoDbGrainStorageOptionsValidator(
            sp.GetRequiredService<IOptionsMonitor<DynamoDbGrainStorageOptions>>().Get(name),
            name));

        return services.AddGrainStorage(name, CreateStorage);
    }

    private static DynamoDbGrainStorage CreateStorage(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<DynamoDbGrainStorageOptions>>().Get(name);

        IAmazonDynamoDB client;
        bool disposeClient;
        if (string.IsNullOrEmpty(options.ServiceUrl) && string.IsNullOrEmpty(options.Region)
            && services.GetService<IAmazonDynamoDB>() is { } registered)
        {
            client = registered;
            disposeClient = false;
        }
        else
        {
            client = new AmazonDynamoDBClient(CreateClientConfig(options));
            disposeClient = true;
        }

        return ActivatorUtilities.CreateInstance<DynamoDbGrainStorage>(services, name, options, client, disposeClient);
    }

    /// <summary>
    /// Builds the configuration of a client the provider creates itself. Credentials come from the SDK's default
    /// chain, which includes the web identity token that IRSA mounts on EKS.
    /// </summary>
    internal static AmazonDynamoDBConfig CreateClientConfig(DynamoDbGrainStorageOptions options)
    {
        var config = new AmazonDynamoDBConfig();
        var region = string.IsNullOrEmpty(options.Region) ? null : options.Region;
        if (!string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if (region is not null)
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(region);
        }

        config.RetryMode = RequestRetryMode.Standard;
        return config;
    }
}
