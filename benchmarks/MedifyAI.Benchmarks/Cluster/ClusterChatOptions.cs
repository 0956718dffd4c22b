using System.Globalization;

namespace MedifyAI.Benchmarks.Cluster;

/// <summary>Command-line options of the <c>cluster-chat</c> benchmark.</summary>
/// <param name="Silos">Number of silo processes.</param>
/// <param name="Levels">Numbers of concurrent sessions to measure, in order.</param>
/// <param name="MeasuredSeconds">Measured time per level.</param>
/// <param name="WarmupSeconds">Unmeasured time before each level.</param>
/// <param name="Rate">
/// Offered turns per second across all sessions (open loop), or 0 to send each turn when the previous reply
/// arrives (closed loop).
/// </param>
internal sealed record ClusterChatOptions(int Silos, int[] Levels, int MeasuredSeconds, int WarmupSeconds, int Rate)
{
    public const string Usage =
        "--silos 3, --levels 50,200, --seconds 20 (measured time per level), --warmup 5 (seconds), "
        + "--rate N (offered turns/s over all sessions; latency counts from each turn's scheduled time; default: closed loop)";

    public static ClusterChatOptions Parse(string[] args)
    {
        var silos = 3;
        int[] levels = [50, 200];
        var seconds = 20;
        var warmup = 5;
        var rate = 0;

        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value.");
            switch (args[i])
            {
                case "--silos":
                    silos = ParsePositive(args[i], value);
                    break;
                case "--levels":
                    levels = value.Split(',').Select(level => ParsePositive(args[i], level)).ToArray();
                    break;
                case "--seconds":
                    seconds = ParsePositive(args[i], value);
                    break;
                case "--warmup":
                    warmup = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--rate":
                    rate = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}. Options: {Usage}.");
            }
        }

        return new ClusterChatOptions(silos, levels, seconds, warmup, rate);
    }

    private static int ParsePositive(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"Option {option} must be a positive integer, not '{value}'.");
}
