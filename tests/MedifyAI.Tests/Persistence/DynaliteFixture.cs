using Amazon.DynamoDBv2;

namespace MedifyAI.Tests.Persistence;

/// <summary>One <see cref="DynaliteServer"/> for the tests of a collection, stopped at the end.</summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private DynaliteServer? _server;

    /// <summary>Endpoint URL of the running server, for example <c>http://127.0.0.1:41234</c>.</summary>
    public string ServiceUrl => _server?.ServiceUrl ?? string.Empty;

    public async Task InitializeAsync()
    {
        _server = await DynaliteServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Creates a client of the server with dummy credentials; the caller disposes it.</summary>
    public AmazonDynamoDBClient CreateClient() =>
        (_server ?? throw new InvalidOperationException("dynalite has not started.")).CreateClient();
}
