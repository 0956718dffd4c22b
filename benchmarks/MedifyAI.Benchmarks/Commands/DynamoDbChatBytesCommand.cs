using System.Globalization;
using MedifyAI.Benchmarks.Chat;
using MedifyAI.Benchmarks.Storage;
using MedifyAI.Sessions;
using Orleans.Runtime;

namespace MedifyAI.Benchmarks.Commands;

/// <summary>
/// Measures the DynamoDB item bytes a chat writes per turn: a session state is grown turn by turn as the session
/// grain grows it and written after each turn through <c>DynamoDbGrainStorage</c>.
/// </summary>
/// <remarks>
/// The state contains the greeting, then per turn the next <see cref="ChatScript"/> message and a reply of about
/// <see cref="ReplyText"/>'s length. Interview findings are left empty, so the figures cover the turn list and
/// the fixed members, not the findings a real interview adds.
/// </remarks>
public sealed class DynamoDbChatBytesCommand : IBenchmarkCommand
{
    private const string ReplyText =
        "Thank you, that helps. Headaches that build up slowly and feel like a tight band are often tension "
        + "headaches, but I would like to rule out a few other causes. Have you noticed any change in your vision, "
        + "or any pain when you touch your temples?";

    public string Name => "dynamodb-chat-bytes";

    public string Description =>
        "DynamoDB item bytes written per chat turn: --service-url http://127.0.0.1:PORT --turns 20 --runs 3 "
        + "--serializer orleans|json";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        string? serviceUrl = null;
        var turns = ChatScript.Messages.Length;
        var runs = 3;
        var serializerName = "orleans";
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--service-url": serviceUrl = args[i + 1]; break;
                case "--turns": turns = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--serializer": serializerName = args[i + 1]; break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'. Usage: {Name} {Description}");
                    return 2;
            }
        }

        if (serviceUrl is null || args.Length % 2 != 0)
        {
            Console.Error.WriteLine($"Usage: {Name} {Description}");
            return 2;
        }

        using var serializers = new BenchmarkSerializers();
        var settings = StorageBenchmarkSettings.Parse(
            ["--provider", StorageBenchmarkSettings.DynamoDbProvider, "--service-url", serviceUrl]);
        Console.WriteLine(
            $"turns={turns} runs={runs} serializer={serializerName} reply={ReplyText.Length} chars "
            + $"cores={Environment.ProcessorCount} os={System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

        var perTurn = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            await using var opened = await BenchmarkStorage.OpenAsync(
                settings,
                serializers.Get(serializerName),
                serializers.ActivatorProvider,
                cancellationToken);
            var sizes = await WriteChatAsync(opened, turns, cancellationToken);
            perTurn.Add(sizes.Skip(1).Average());
            Console.WriteLine(
                $"run {run}: start {sizes[0]} bytes, turn 1 {sizes[1]} bytes, turn {turns} {sizes[^1]} bytes, "
                + $"mean per turn {sizes.Skip(1).Average():F0} bytes, total {sizes.Skip(1).Sum()} bytes");
        }

        var sorted = perTurn.Order().ToArray();
        Console.WriteLine($"median of mean item bytes written per turn: {sorted[sorted.Length / 2]:F0}");
        return 0;
    }

    /// <summary>Writes the started session, then one write per turn; returns the item size of each write.</summary>
    private static async Task<List<long>> WriteChatAsync(
        BenchmarkStorage opened,
        int turns,
        CancellationToken cancellationToken)
    {
        var grainId = GrainId.Create("patientsession", Guid.NewGuid().ToString("N"));
        var now = DateTimeOffset.UtcNow;
        var state = new BenchmarkSessionGrainState(new PatientSessionState
        {
            Status = SessionStatus.Active,
            Profile = new PatientProfile { Age = 41, Sex = Sex.Female },
            CreatedAt = now,
            UpdatedAt = now,
        });
        state.State!.Turns.Add(new ChatTurn
        {
            Number = 0,
            Role = ChatRole.Assistant,
            Text = "Hello, what brings you here today?",
            At = now,
            Source = "guided-interview",
        });

        var sizes = new List<long>();
        await WriteAsync();
        for (var turn = 1; turn <= turns; turn++)
        {
            var message = ChatScript.Messages[(turn - 1) % ChatScript.Messages.Length];
            state.State.Turns.Add(new ChatTurn { Number = turn, Role = ChatRole.Patient, Text = message, At = now });
            state.State.Turns.Add(new ChatTurn
            {
                Number = turn,
                Role = ChatRole.Assistant,
                // A distinct string per turn, because the Orleans serializer writes a repeated instance only once.
                Text = $"{ReplyText} ({turn})",
                At = now,
                Triage = state.State.Triage,
                Source = "guided-interview",
            });
            state.State.PatientTurnCount = turn;
            TurnArchive.Fold(state.State);
            await WriteAsync();
        }

        return sizes;

        async Task WriteAsync()
        {
            var before = opened.ItemBytes();
            await opened.Storage.WriteStateAsync("session", grainId, state, cancellationToken);
            sizes.Add(opened.ItemBytes() - before);
        }
    }
}
