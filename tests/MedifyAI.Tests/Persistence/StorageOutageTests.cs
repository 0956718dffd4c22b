using System.Net;
using Amazon.DynamoDBv2;
using MedifyAI.Sessions;
using MedifyAI.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace MedifyAI.Tests.Persistence;

/// <summary>Grain storage that goes away under a running host: a turn fails with 503 and Retry-After, not 500.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task DynamoDbDown_TurnIs503()
    {
        using var data = new TempDirectory("medifyai-storage-outage");
        var dynalite = await DynaliteServer.StartAsync();
        await using var host = await SiloProcessHost.StartAsync(
            data.Path,
            TestTokens.WithHostSettings(new()
            {
                ["MedifyAI:Storage"] = "DynamoDb",
                ["MedifyAI:DynamoDb:TableName"] = "StorageOutage",
                ["MedifyAI:DynamoDb:CreateTableIfNotExists"] = "true",
            }),
            configure: builder => builder.Services.AddSingleton<IAmazonDynamoDB>(_ => dynalite.CreateClient()));
        TestTokens.Authorize(host.Http, "patient-outage", "patient");
        var created = await host.Http.PostJsonAsync("/api/sessions", new { age = 50, sex = "male" });
        var sessionId = (await created.ReadAsync<SessionStarted>()).SessionId;

        await dynalite.DisposeAsync();
        var turn = await host.Http.PostJsonAsync(
            $"/api/sessions/{sessionId}/messages", new { text = "I have a headache", clientMessageId = "outage-1" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, turn.StatusCode);
        Assert.NotNull(turn.Headers.RetryAfter);
        var problem = await turn.ReadAsync<ProblemDetails>();
        Assert.DoesNotContain("headache", problem.Detail, StringComparison.Ordinal);
    }
}
