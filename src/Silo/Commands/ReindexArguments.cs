using System.Globalization;
using MedifyAI.Datasets;

namespace MedifyAI.Silo.Commands;

/// <summary>Parsed command line of <c>reindex</c>. Configuration overrides pass through to the host.</summary>
/// <param name="Dataset">Dataset whose chunks are copied.</param>
/// <param name="Source">Index read from: <see cref="ReindexCommand.Embedded"/> or <see cref="ReindexCommand.OpenSearch"/>.</param>
/// <param name="Target">Index written to, the other of the two.</param>
/// <param name="KeepVectors">Copy the stored vectors instead of embedding each chunk's text again.</param>
/// <param name="BatchSize">Chunks embedded and written per batch.</param>
/// <param name="HostArguments">Arguments left for the host's configuration, such as <c>--MedifyAI:OpenSearch:Endpoint=...</c>.</param>
public sealed record ReindexArguments(
    string Dataset,
    string Source,
    string Target,
    bool KeepVectors,
    int BatchSize,
    string[] HostArguments)
{
    public const int DefaultBatchSize = 100;
    public const int MaxBatchSize = 10_000;

    public static readonly string Usage =
        "usage: reindex --dataset NAME --from Embedded|OpenSearch --to OpenSearch|Embedded [--keep-vectors] " +
        "[--batch-size N] [--MedifyAI:Section:Key=value ...]\n" +
        "  --dataset       dataset to copy (required)\n" +
        "  --from, --to    source and target index; one must be Embedded and the other OpenSearch\n" +
        "  --keep-vectors  copy the stored vectors; by default each chunk's text is embedded again with the\n" +
        "                  embedder that MedifyAI:Embeddings:Provider selects\n" +
        $"  --batch-size    chunks per embedding call and write, 1 to {MaxBatchSize} (default {DefaultBatchSize})";

    /// <summary>
    /// Parses the arguments after the command name. Returns null and sets <paramref name="error"/> when an option is
    /// missing, repeated, unknown or invalid.
    /// </summary>
    public static ReindexArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? dataset = null, source = null, target = null;
        var keepVectors = false;
        int? batchSize = null;
        var hostArguments = new List<string>();
        error = null;

        for (var i = 0; i < args.Count; i++)
        {
            var argument = args[i];
            switch (argument)
            {
                case "--dataset" or "--from" or "--to" or "--batch-size":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        error = $"{argument} needs a value.";
                        return null;
                    }

                    var value = args[++i];
                    switch (argument)
                    {
                        case "--dataset" when dataset is null:
                            dataset = value;
                            break;
                        case "--from" when source is null:
                            source = NormalizeIndexName(value);
                            break;
                        case "--to" when target is null:
                            target = NormalizeIndexName(value);
                            break;
                        case "--batch-size" when batchSize is null:
                            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                                || size is < 1 or > MaxBatchSize)
                            {
                                error = $"--batch-size '{Shorten(value)}' is invalid; give a whole number from 1 to {MaxBatchSize}.";
                                return null;
                            }

                            batchSize = size;
                            break;
                        default:
                            error = $"{argument} is given twice.";
                            return null;
                    }

                    if ((argument == "--from" && source is null) || (argument == "--to" && target is null))
                    {
                        error = $"{argument} '{Shorten(value)}' is not an index type; use {ReindexCommand.Embedded} or {ReindexCommand.OpenSearch}.";
                        return null;
                    }

                    break;
                case "--keep-vectors":
                    keepVectors = true;
                    break;
                default:
                    // Configuration keys contain ':' (or '__' in environment-variable style); anything else is a typo.
                    if (!argument.StartsWith("--", StringComparison.Ordinal)
                        || !(argument.Contains(':', StringComparison.Ordinal) || argument.Contains("__", StringComparison.Ordinal)))
                    {
                        error = $"Unknown argument '{Shorten(argument)}'.";
                        return null;
                    }

                    hostArguments.Add(argument);
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(dataset))
        {
            error = "--dataset is missing.";
            return null;
        }

        if (!DatasetNames.IsValid(dataset))
        {
            error = $"--dataset '{Shorten(dataset)}' is invalid: use {DatasetNames.Rule}, as the ingestion API does.";
            return null;
        }

        if (source is null || target is null)
        {
            error = source is null ? "--from is missing." : "--to is missing.";
            return null;
        }

        if (source == target)
        {
            error = $"--from and --to are both {source}. Copying an index onto itself is not supported.";
            return null;
        }

        return new ReindexArguments(dataset, source, target, keepVectors, batchSize ?? DefaultBatchSize, [.. hostArguments]);
    }

    /// <summary>Cuts a value to 80 characters for an error message, so a pasted file cannot flood the console.</summary>
    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "...";

    /// <summary>Returns the canonical spelling of an index type name, or null when it names neither.</summary>
    private static string? NormalizeIndexName(string value) =>
        string.Equals(value, ReindexCommand.Embedded, StringComparison.OrdinalIgnoreCase) ? ReindexCommand.Embedded
        : string.Equals(value, ReindexCommand.OpenSearch, StringComparison.OrdinalIgnoreCase) ? ReindexCommand.OpenSearch
        : null;
}
