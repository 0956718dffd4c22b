using System.Globalization;
using MedifyAI.Persistence.Sqlite;

namespace MedifyAI.Benchmarks.Storage;

/// <summary>Command-line settings of the storage benchmark.</summary>
/// <remarks>
/// <see cref="Rate"/> is the total offered load in writes per second across all writers. With it, writer i
/// issues its k-th write at (k * Writers + i) / Rate seconds after the start, or at once when its previous write
/// returned later than that. Without it, writers run closed-loop and measure the maximum throughput.
/// </remarks>
public sealed record StorageBenchmarkSettings(
    int Writers,
    int WritesPerWriter,
    int StateBytes,
    int Runs,
    SqliteSynchronousMode Synchronous,
    string Serializer,
    int Rate)
{
    /// <summary>Value of <see cref="Rate"/> that lets every writer write again as soon as its last write returns.</summary>
    public const int Unpaced = 0;

    /// <summary>Parses <c>--name value</c> pairs; unknown names and bad values throw <see cref="ArgumentException"/>.</summary>
    public static StorageBenchmarkSettings Parse(string[] args)
    {
        var settings = new StorageBenchmarkSettings(200, 20, 4096, 3, SqliteSynchronousMode.Normal, "json", Unpaced);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"Option '{args[i]}' has no value.");
            }

            var value = args[i + 1];
            settings = args[i] switch
            {
                "--writers" => settings with { Writers = ParsePositive(args[i], value) },
                "--writes" => settings with { WritesPerWriter = ParsePositive(args[i], value) },
                "--state-bytes" => settings with { StateBytes = ParsePositive(args[i], value) },
                "--runs" => settings with { Runs = ParsePositive(args[i], value) },
                "--rate" => settings with { Rate = ParsePositive(args[i], value) },
                "--synchronous" => settings with { Synchronous = ParseSynchronous(value) },
                "--serializer" when value is "json" or "orleans" => settings with { Serializer = value },
                "--serializer" => throw new ArgumentException($"--serializer '{value}' is invalid; use json or orleans."),
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }

        return settings;
    }

    private static int ParsePositive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{name} '{value}' is invalid; use a whole number above zero.");

    private static SqliteSynchronousMode ParseSynchronous(string value) => value.ToLowerInvariant() switch
    {
        "normal" => SqliteSynchronousMode.Normal,
        "full" => SqliteSynchronousMode.Full,
        _ => throw new ArgumentException($"--synchronous '{value}' is invalid; use normal or full."),
    };
}
