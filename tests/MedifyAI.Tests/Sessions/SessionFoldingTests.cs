using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using MedifyAI.Persistence.DynamoDB;
using MedifyAI.Security;
using MedifyAI.Sessions;
using MedifyAI.Silo.Hosting;
using MedifyAI.Tests.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace MedifyAI.Tests.Sessions;

/// <summary>
/// Long chats on the DynamoDB storage as the silo host registers it: old turns are folded by
/// <see cref="TurnArchive"/> so the session item stays under DynamoDB's 400 KB limit.
/// </summary>
[Collection(DynaliteCollection.Name)]
public sealed class SessionFoldingTests(DynaliteFixture dynalite)
{
    private const int Turns = 200;
    private const int MessageLength = 4_000;

    [Fact]
    public async Task LongChat_SavesUnderItemLimit()
    {
        var tableName = "sessions-" + Guid.NewGuid().ToString("N");
        var sessionId = Guid.NewGuid().ToString("N");
        new CallerContext("patient-folding", [Roles.Patient]).Attach();
        await using var cluster = await StartClusterAsync(tableName);
        var grain = cluster.Client.GetGrain<IPatientSessionGrain>(sessionId);
        await grain.StartAsync(new StartSessionCommand { Profile = new PatientProfile { Age = 52, Sex = Sex.Female } });

        var random = new Random(2024);
        var messages = new List<string>();
        for (var turn = 1; turn <= Turns; turn++)
        {
            var message = RandomMessage(random);
            messages.Add(message);
            var reply = await grain.SendMessageAsync(new PatientMessage { Text = message });
            Assert.Equal(turn, reply.TurnNumber);
        }

        // Without folding the patient text alone would be 800,000 characters, about twice the limit after Brotli.
        var snapshot = await grain.GetAsync();
        Assert.Equal(2 * Turns + 1, snapshot.Turns.Count);
        Assert.Equal(Enumerable.Range(0, 2 * Turns + 1).Select(i => (i + 1) / 2), snapshot.Turns.Select(t => t.Number));
        Assert.Equal(messages[^1], snapshot.Turns[^2].Text);
        Assert.EndsWith($"… [folded: {MessageLength} characters]", snapshot.Turns[1].Text);
        Assert.StartsWith(snapshot.Turns[1].Text[..100], messages[0]);

        var item = await GetSessionItemAsync(tableName);
        var itemSize = DynamoDbItemSize.Measure(item);
        Assert.True(itemSize < DynamoDbItemSize.MaxItemSize, $"The session item is {itemSize} bytes.");

        // A new cluster reads the folded state back from the table.
        await cluster.StopAllSilosAsync();
        await using var restarted = await StartClusterAsync(tableName);
        var reloaded = await restarted.Client.GetGrain<IPatientSessionGrain>(sessionId).GetAsync();
        Assert.Equal(snapshot.Turns.Select(turn => turn.Text), reloaded.Turns.Select(turn => turn.Text));
        await restarted.StopAllSilosAsync();
    }

    [Fact]
    public void Fold_CutsOnCharacterBoundary()
    {
        var state = new PatientSessionState();
        var emoji = string.Concat(Enumerable.Repeat("🩺", 100));
        for (var i = 0; i < 6; i++)
        {
            state.Turns.Add(new ChatTurn { Number = i, Role = ChatRole.Patient, Text = emoji, At = DateTimeOffset.UnixEpoch });
        }

        // Each turn is 400 UTF-8 bytes: a 1,000-byte budget keeps the newest two.
        var folded = TurnArchive.Fold(state, verbatimTextBytes: 1_000, excerptBytes: 10);

        Assert.Equal(4, folded);
        Assert.Equal(4, state.FoldedTurnCount);
        Assert.Equal("🩺🩺… [folded: 200 characters]", state.Turns[0].Text);
        Assert.Equal(emoji, state.Turns[4].Text);
        Assert.Equal(emoji, state.Turns[5].Text);
        Assert.Equal(0, TurnArchive.Fold(state, verbatimTextBytes: 1_000, excerptBytes: 10));
        Assert.Equal("🩺🩺… [folded: 200 characters]", state.Turns[0].Text);
    }

    [Fact]
    public void Fold_AlwaysKeepsLastExchange()
    {
        var state = new PatientSessionState();
        state.Turns.Add(new ChatTurn { Number = 1, Role = ChatRole.Patient, Text = new string('a', 5_000), At = default });
        state.Turns.Add(new ChatTurn { Number = 1, Role = ChatRole.Assistant, Text = new string('b', 5_000), At = default });

        Assert.Equal(0, TurnArchive.Fold(state, verbatimTextBytes: 100, excerptBytes: 10));
        Assert.Equal(5_000, state.Turns[0].Text.Length);
    }

    private static string RandomMessage(Random random)
    {
        // Words of random letters and digits compress poorly, like the worst case of real free text.
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        var text = new StringBuilder(MessageLength);
        while (text.Length < MessageLength)
        {
            var length = random.Next(3, 9);
            for (var i = 0; i < length && text.Length < MessageLength; i++)
            {
                text.Append(alphabet[random.Next(alphabet.Length)]);
            }

            if (text.Length < MessageLength)
            {
                text.Append(' ');
            }
        }

        return text.ToString();
    }

    private async Task<InProcessTestCluster> StartClusterAsync(string tableName)
    {
        var builder = new InProcessTestClusterBuilder(1);

        // The hash key contains the service id, so a restarted cluster must keep it.
        builder.Options.ServiceId = "session-folding-tests";
        builder.ConfigureSilo((_, silo) =>
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["MedifyAI:Sessions:MaxTurnsPerSession"] = Turns.ToString(),
                    ["MedifyAI:Sessions:MaxMessageLength"] = MessageLength.ToString(),
                    ["MedifyAI:DynamoDb:TableName"] = tableName,
                    ["MedifyAI:DynamoDb:CreateTableIfNotExists"] = "true",
                })
                .Build();

            silo.Services.AddSingleton<IAmazonDynamoDB>(_ => dynalite.CreateClient());
            silo.AddMedifyGrainStorage(new SiloSettings { Storage = GrainStorageProvider.DynamoDb }, configuration);
            silo.Services.AddMedifyGrainServices(configuration);
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private async Task<Dictionary<string, AttributeValue>> GetSessionItemAsync(string tableName)
    {
        using var client = dynalite.CreateClient();
        var scan = await client.ScanAsync(new ScanRequest { TableName = tableName, ConsistentRead = true });
        return Assert.Single(scan.Items ?? [], item => item["StateName"].S == "session");
    }
}
