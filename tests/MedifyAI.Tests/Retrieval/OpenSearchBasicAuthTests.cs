using System.Globalization;
using System.Net;
using MedifyAI.Retrieval;
using MedifyAI.Retrieval.OpenSearch;
using MedifyAI.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MedifyAI.Tests.Retrieval;

/// <summary>
/// <see cref="OpenSearchVectorIndex"/> with <c>Username</c>/<c>Password</c> against the fake in basic-auth mode. The fake
/// rejects a wrong password with 401, as the OpenSearch security plugin does, and rejects any SigV4 header.
/// </summary>
public sealed class OpenSearchBasicAuthTests : IAsyncLifetime
{
    private FakeOpenSearch _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeOpenSearch.StartAsync(FakeOpenSearchMode.BasicAuth);

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task BasicAuth_UpsertAndSearch()
    {
        var (services, index) = Build(FakeOpenSearch.Password);
        await using var _ = services;

        await index.UpsertAsync(
            [new IndexedChunk
            {
                ChunkId = "a-1",
                Dataset = "alpha",
                RecordId = "record-1",
                Kind = ReferenceKind.PatientCase,
                Text = "text",
                Vector = new float[] { 1, 0 },
            }],
            null,
            CancellationToken.None);
        var matches = await index.SearchAsync(new float[] { 1, 0 }, 1, "alpha", includeText: true, CancellationToken.None);

        Assert.Equal("a-1", Assert.Single(matches).ChunkId);
        Assert.Equal(1, _fake.DocumentCount("basic-chunks"));
        Assert.Empty(_fake.Rejections);
    }

    [Fact]
    public async Task BasicAuth_WrongPasswordNotRetried()
    {
        var (services, index) = Build("not-the-password");
        await using var _ = services;

        var error = await Assert.ThrowsAsync<OpenSearchException>(() => index.CountAsync(null, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("OpenSearch HEAD basic-chunks failed with 401. The cluster rejected the basic-auth credentials", error.Message, StringComparison.Ordinal);
        Assert.Contains("check MedifyAI:OpenSearch:Username and Password", error.Message, StringComparison.Ordinal);
        Assert.Single(_fake.RequestLines);
        Assert.Equal("Wrong basic-auth user or password.", Assert.Single(_fake.Rejections));
    }

    private (ServiceProvider Services, OpenSearchVectorIndex Index) Build(string password)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MedifyAI:OpenSearch:Endpoint"] = _fake.BaseUrl.ToString(),
                ["MedifyAI:OpenSearch:Username"] = FakeOpenSearch.Username,
                ["MedifyAI:OpenSearch:Password"] = password,
                ["MedifyAI:OpenSearch:IndexName"] = "basic-chunks",
                ["MedifyAI:OpenSearch:Dimension"] = 2.ToString(CultureInfo.InvariantCulture),
                ["MedifyAI:OpenSearch:MaxRetryAttempts"] = "3",
                ["MedifyAI:OpenSearch:RetryBaseDelay"] = "00:00:00.010",
            })
            .Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenSearchVectorIndex(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return (provider, provider.GetRequiredService<OpenSearchVectorIndex>());
    }
}
