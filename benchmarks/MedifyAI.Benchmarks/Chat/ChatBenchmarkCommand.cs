using MedifyAI.Benchmarks.Commands;

namespace MedifyAI.Benchmarks.Chat;

/// <summary>
/// Drives concurrent chat sessions over loopback HTTP against the embedded default (one silo process with
/// SQLite storage) and reports turns per second, turn latency, the server's peak memory and storage bytes
/// per session.
/// </summary>
internal sealed class ChatBenchmarkCommand : IBenchmarkCommand
{
    public string Name => "chat";

    public string Description =>
        "Concurrent 20-turn chats over HTTP against the embedded host. Options: --silo PATH (MedifyAI.Silo.dll), "
        + "--levels 1,50,200, --seconds 20 (measured time per level), --warmup 30 (seconds; the server runs tier-0 JIT code before that), "
        + "--rate N (offered turns/s over all sessions; latency counts from each turn's scheduled time; default: closed loop).";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = ChatBenchmarkOptions.Parse(args);
        using var data = new BenchmarkDirectory();
        var tokens = new BenchmarkTokens();
        await using var server = await SiloProcess.StartAsync(options.SiloPath, data.Path, tokens.HostSettings, cancellationToken);

        Console.WriteLine($"Server pid {server.ProcessId}, API {server.ApiBaseAddress}, data {data.Path}");
        Console.WriteLine(options.Rate > 0 ? $"Open loop: {options.Rate} turns/s offered" : "Closed loop: each session sends its next turn when the reply arrives");
        Console.WriteLine("level | turns | turns/s | p50 ms | p99 ms | errors");

        var totalSessions = 0;
        foreach (var level in options.Levels)
        {
            totalSessions += await ChatLoadGenerator.RunAsync(
                server.ApiBaseAddress, level, options.Rate, TimeSpan.FromSeconds(options.WarmupSeconds), tokens.Authorize, null, cancellationToken);
            var result = new LevelResult(level);
            totalSessions += await ChatLoadGenerator.RunAsync(
                server.ApiBaseAddress, level, options.Rate, TimeSpan.FromSeconds(options.MeasuredSeconds), tokens.Authorize, result, cancellationToken);
            Console.WriteLine(result.Format());
        }

        var peakMemory = server.PeakWorkingSetBytes();
        await server.StopAsync();
        var storageBytes = data.SizeOfFiles("*.db*");

        Console.WriteLine($"Server peak memory (VmHWM): {peakMemory / (1024.0 * 1024.0):F1} MiB");
        Console.WriteLine(
            $"Storage: {storageBytes / 1024.0:F0} KiB for {totalSessions} sessions of up to {ChatScript.Messages.Length} turns, "
            + $"{storageBytes / (double)Math.Max(1, totalSessions):F0} bytes per session");
        return 0;
    }
}
