using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace MedifyAI.Benchmarks.Storage;

/// <summary>
/// Builds the grain storage serializers a silo can use, outside a silo.
/// </summary>
/// <remarks>
/// <see cref="JsonGrainStorageSerializer"/> needs Orleans' grain-reference services, so they come from an Orleans
/// client host that is built but never started: it opens no connection.
/// </remarks>
public sealed class BenchmarkSerializers : IDisposable
{
    private readonly IHost _host;

    public BenchmarkSerializers()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseLocalhostClustering());
        builder.Services.TryAddSingleton<OrleansJsonSerializer>();
        builder.Services.TryAddSingleton<JsonGrainStorageSerializer>();
        builder.Services.TryAddSingleton<OrleansGrainStorageSerializer>();
        _host = builder.Build();
    }

    public IActivatorProvider ActivatorProvider => _host.Services.GetRequiredService<IActivatorProvider>();

    /// <summary>
    /// Returns the serializer named <paramref name="name"/>: "json" is <see cref="JsonGrainStorageSerializer"/>, the
    /// silo's default in Orleans 10; "orleans" is the binary <see cref="OrleansGrainStorageSerializer"/>.
    /// </summary>
    public IGrainStorageSerializer Get(string name) => name switch
    {
        "json" => _host.Services.GetRequiredService<JsonGrainStorageSerializer>(),
        "orleans" => _host.Services.GetRequiredService<OrleansGrainStorageSerializer>(),
        _ => throw new ArgumentException($"Unknown serializer '{name}'. Use 'json' or 'orleans'.", nameof(name)),
    };

    public void Dispose() => _host.Dispose();
}
