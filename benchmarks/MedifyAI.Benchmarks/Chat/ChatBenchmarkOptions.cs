using System.Globalization;

namespace MedifyAI.Benchmarks.Chat;

/// <summary>Command-line options of the chat benchmark.</summary>
/// <param name="SiloPath">Path of MedifyAI.Silo.dll to start.</param>
/// <param name="Levels">Numbers of concurrent sessions to measure, in order.</param>
/// <param name="MeasuredSeconds">Measured time per level.</param>
/// <param name="WarmupSeconds">Unmeasured time before each level.</param>
/// <param name="Rate">Offered turns per second across all sessions (open loop), or 0 to send as fast as replies come (closed loop).</param>
internal sealed record ChatBenchmarkOptions(string SiloPath, int[] Levels, int MeasuredSeconds, int WarmupSeconds, int Rate)
{
    public static ChatBenchmarkOptions Parse(string[] args)
    {
        var siloPath = DefaultSiloPath();
        int[] levels = [1, 50, 200];
        var seconds = 20;
        var warmup = 30;
        var rate = 0;

        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value.");
            switch (args[i])
            {
                case "--silo":
                    siloPath = value;
                    break;
                case "--levels":
                    levels = value.Split(',').Select(level => int.Parse(level, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--seconds":
                    seconds = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--rate":
                    rate = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--warmup":
                    warmup = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}; see the command's description.");
            }

            i++;
        }

        if (!File.Exists(siloPath))
        {
            throw new FileNotFoundException(
                $"MedifyAI.Silo.dll not found at '{siloPath}'. Build it with 'dotnet build src/Silo -c Release' or pass --silo PATH.",
                siloPath);
        }

        return new ChatBenchmarkOptions(siloPath, levels, seconds, warmup, rate);
    }

    /// <summary>The Release build of the silo next to this repository's benchmark binaries.</summary>
    private static string DefaultSiloPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MedifyAI.sln")))
            {
                return Path.Combine(directory.FullName, "src", "Silo", "bin", "Release", "net10.0", "MedifyAI.Silo.dll");
            }
        }

        return "MedifyAI.Silo.dll";
    }
}
