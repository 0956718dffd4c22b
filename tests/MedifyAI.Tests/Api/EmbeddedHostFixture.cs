using MedifyAI.Tests.Infrastructure;

namespace MedifyAI.Tests.Api;

/// <summary>One embedded host with durable SQLite storage, shared by the tests of a class.</summary>
public sealed class EmbeddedHostFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("medifyai-api");

    public SiloProcessHost Host { get; private set; } = null!;

    public HttpClient Http => Host.Http;

    public async Task InitializeAsync()
    {
        Host = await SiloProcessHost.StartAsync(_data.Path);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}
