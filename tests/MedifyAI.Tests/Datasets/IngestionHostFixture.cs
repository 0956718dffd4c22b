using MedifyAI.Retrieval;
using MedifyAI.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MedifyAI.Tests.Datasets;

/// <summary>One embedded host shared by the ingestion tests of a class; each test uses its own dataset names.</summary>
public sealed class IngestionHostFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new("medifyai-ingestion");

    public SiloProcessHost Host { get; private set; } = null!;

    public HttpClient Http => Host.Http;

    public IVectorIndex Index => Host.Services.GetRequiredService<IVectorIndex>();

    public string DataDirectory => _data.Path;

    public async Task InitializeAsync()
    {
        Host = await SiloProcessHost.StartAsync(_data.Path, TestTokens.WithHostSettings(new()
        {
            ["MedifyAI:Ingestion:ProgressWriteIntervalSeconds"] = "0.2",
        }));
        TestTokens.Authorize(Host.Http, "operator-1", "operator");
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}
