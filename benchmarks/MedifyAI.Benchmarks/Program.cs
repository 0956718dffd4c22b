using MedifyAI.Benchmarks.Chat;
using MedifyAI.Benchmarks.Cluster;
using MedifyAI.Benchmarks.Commands;
using MedifyAI.Benchmarks.Generation;
using MedifyAI.Benchmarks.Ingestion;
using MedifyAI.Benchmarks.Interview;
using MedifyAI.Benchmarks.Security;
using MedifyAI.Benchmarks.Retrieval;

IBenchmarkCommand[] commands =
[
    new StorageBenchmarkCommand(),
    new ChatBenchmarkCommand(),
    new InterviewBenchmarkCommand(),
    new DynamoDbChatBytesCommand(),
    new AuthCostCommand(),
    new RetrievalBenchmarkCommand(),
    new GenerationBenchmarkCommand(),
    new IngestionBenchmarkCommand(),
    new ClusterChatCommand(),
    new FailoverCommand(),
];

var command = args.Length > 0
    ? commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.OrdinalIgnoreCase))
    : null;

if (command is null)
{
    Console.Error.WriteLine("Usage: MedifyAI.Benchmarks <command> [options]");
    Console.Error.WriteLine("Commands:");
    foreach (var known in commands)
    {
        Console.Error.WriteLine($"  {known.Name,-12} {known.Description}");
    }

    return args.Length == 0 ? 1 : 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    cancellation.Cancel();
};

return await command.RunAsync(args[1..], cancellation.Token);
