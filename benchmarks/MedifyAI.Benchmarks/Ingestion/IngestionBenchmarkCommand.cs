using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using MedifyAI.Benchmarks.Chat;
using MedifyAI.Benchmarks.Commands;
using MedifyAI.Benchmarks.Retrieval;
using MedifyAI.Security;

namespace MedifyAI.Benchmarks.Ingestion;

/// <summary>
/// Ingests a PMC-Patients CSV through the HTTP API of the embedded host (a child process) while pollers read
/// the dataset's status, and reports records/s, MB/s, the server's peak memory and status requests/s.
/// </summary>
internal sealed class IngestionBenchmarkCommand : IBenchmarkCommand
{
    public string Name => "ingestion";

    public string Description =>
        "Ingest the PMC-Patients slice (--rows 0) or a corpus resampled from it (--rows N) while --pollers 4 "
        + "clients poll GET /api/datasets/{name}. Options: --slice PATH, --silo PATH.";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rows = ReadOption(args, "--rows", 0);
        var pollers = ReadOption(args, "--pollers", 4);
        var slicePath = ReadText(args, "--slice") ?? PmcSlice.DefaultPath;
        var siloPath = ReadText(args, "--silo") ?? ChatBenchmarkOptions.Parse([]).SiloPath;

        using var data = new BenchmarkDirectory();
        var corpus = rows > 0 ? Resample(slicePath, rows, Path.Combine(data.Path, "corpus.csv")) : slicePath;
        var corpusBytes = new FileInfo(corpus).Length;
        var tokens = new BenchmarkTokens();
        await using var server = await SiloProcess.StartAsync(siloPath, Path.Combine(data.Path, "silo"), tokens.HostSettings, cancellationToken);

        using var http = new HttpClient { BaseAddress = server.ApiBaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        tokens.Authorize(http.DefaultRequestHeaders, "bench-operator", Roles.Operator);

        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync(
            "/api/datasets/bench/ingestions", new { source = corpus, format = "pmc-patients-csv" }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"Starting the ingestion failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            return 1;
        }

        var polls = 0L;
        var finalRun = default(JsonElement);
        var pollTasks = Enumerable.Range(0, pollers).Select(async _ =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var status = JsonDocument.Parse(await http.GetStringAsync("/api/datasets/bench", cancellationToken));
                Interlocked.Increment(ref polls);
                var run = status.RootElement.GetProperty("currentRun");
                var state = run.GetProperty("state").GetString();
                if (state is not ("queued" or "running"))
                {
                    finalRun = run.Clone();
                    return;
                }
            }
        }).ToArray();
        await Task.WhenAll(pollTasks);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var peakMemory = server.PeakWorkingSetBytes();
        var records = finalRun.GetProperty("recordsRead").GetInt64();
        Console.WriteLine($"Corpus: {corpus} ({corpusBytes / 1_048_576.0:F1} MiB), final state {finalRun.GetProperty("state").GetString()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Records read {records}, accepted {finalRun.GetProperty("recordsAccepted").GetInt64()}, chunks indexed {finalRun.GetProperty("chunksIndexed").GetInt64()}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Elapsed {elapsed.TotalSeconds:F1} s: {records / elapsed.TotalSeconds:F0} records/s, {corpusBytes / 1_048_576.0 / elapsed.TotalSeconds:F2} MiB/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Status polling: {polls} requests by {pollers} pollers, {polls / elapsed.TotalSeconds:F0} requests/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Server peak memory (VmHWM): {peakMemory / 1_048_576.0:F1} MiB"));
        return 0;
    }

    /// <summary>Writes <paramref name="rows"/> records drawn in turn from the slice, each with a unique patient_uid.</summary>
    private static string Resample(string slicePath, int rows, string path)
    {
        var slice = PmcSlice.Read(slicePath);
        var uid = slice.Header.IndexOf("patient_uid");
        using var writer = new StreamWriter(path);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var name in slice.Header)
        {
            csv.WriteField(name);
        }

        csv.NextRecord();
        for (var i = 0; i < rows; i++)
        {
            var source = slice.Rows[i % slice.Rows.Count];
            for (var column = 0; column < source.Length; column++)
            {
                csv.WriteField(column == uid ? $"{source[column]}-r{i}" : source[column]);
            }

            csv.NextRecord();
        }

        return path;
    }

    private static int ReadOption(string[] args, string name, int fallback) =>
        ReadText(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string? ReadText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
