using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace MedifyAI.Tests.Persistence;

/// <summary>
/// Orleans serialization services for storage tests that run without a silo: the binary
/// <see cref="OrleansGrainStorageSerializer"/> and the <see cref="IActivatorProvider"/> that providers use to
/// create fresh state.
/// </summary>
public static class GrainStorageTestServices
{
    private static readonly Lazy<ServiceProvider> Provider = new(Build);

    public static IGrainStorageSerializer Serializer =>
        Provider.Value.GetRequiredService<OrleansGrainStorageSerializer>();

    public static IActivatorProvider ActivatorProvider => Provider.Value.GetRequiredService<IActivatorProvider>();

    private static ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSerializer();
        services.AddSingleton<OrleansGrainStorageSerializer>();
        return services.BuildServiceProvider();
    }
}
