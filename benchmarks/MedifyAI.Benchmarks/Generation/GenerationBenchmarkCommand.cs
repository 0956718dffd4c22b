using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using MedifyAI.Benchmarks.Commands;
using MedifyAI.Silo.Hosting;
using MedifyAI.Tests.Fakes;
using MedifyAI.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedifyAI.Benchmarks.Generation;

/// <summary>
/// Measures what the backend adds to a model-backed turn, against the fake SageMaker runtime with no model latency:
/// per-turn overhead (client-observed turn time minus the time the fake spent on the request) and, for streamed
/// turns, the delay from the fake flushing its first PayloadPart to the client reading the first <c>token</c> event.
/// </summary>
/// <remarks>
/// The fake, the silo (API, grains, SQLite storage) and the load-generating client share one process, so the
/// figures include their contention for the same cores. Turns and fake requests are matched by a marker in the text.
/// </remarks>
internal sealed partial class GenerationBenchmarkCommand : IBenchmarkCommand
{
    private static readonly string[] Script =
    [
        "I have had a mild dry cough for 3 days",
        "I have no fever and no trouble breathing",
        "It is a little worse at night",
        "I do not smoke",
        "No, nothing else really",
        "I take no medicines for it",
    ];

    public string Name => "generation";

    public string Description =>
        "Model-backed turns against the fake SageMaker runtime with zero model latency. Options: --sessions 50, "
        + "--turns 6 (messages per session), --runs 3.";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var sessions = ReadOption(args, "--sessions", 50);
        var turns = Math.Min(ReadOption(args, "--turns", Script.Length), Script.Length);
        var runs = ReadOption(args, "--runs", 3);

        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        await using var fake = await FakeSageMakerRuntime.StartAsync();
        fake.PayloadPartSize = 160;
        var exchanges = new ConcurrentDictionary<string, FakeSageMakerExchange>();
        fake.ReplyWriter = content => $"Thank you, I have noted that. {Question().Match(content).Groups[1].Value}";
        fake.ExchangeCompleted = exchange =>
        {
            if (Marker().Match(exchange.UserContent) is { Success: true } marker)
            {
                exchanges[marker.Value] = exchange;
            }
        };

        var data = Path.Combine(Path.GetTempPath(), $"medifyai-generation-bench-{Guid.NewGuid():N}");
        var app = await StartSiloAsync(data, fake.BaseUrl);
        try
        {
            var apiUrl = new Uri(app.Urls.First(url => url.Contains("127.0.0.1", StringComparison.Ordinal)));
            Console.WriteLine($"Fake SageMaker {fake.BaseUrl}, API {apiUrl}; {sessions} concurrent sessions x {turns} turns, {runs} runs");
            await RunOnceAsync(apiUrl, sessions, 2, exchanges, cancellationToken);

            var results = new List<RunResult>();
            for (var run = 1; run <= runs; run++)
            {
                exchanges.Clear();
                var result = await RunOnceAsync(apiUrl, sessions, turns, exchanges, cancellationToken);
                results.Add(result);
                Console.WriteLine($"run {run}: {result.Format()}");
            }

            Console.WriteLine($"median of {runs} runs: overhead p50 {Median(results, r => r.OverheadP50):F2} ms, "
                + $"p99 {Median(results, r => r.OverheadP99):F2} ms; first-token relay p50 {Median(results, r => r.RelayP50):F2} ms, "
                + $"p99 {Median(results, r => r.RelayP99):F2} ms");
            return 0;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<WebApplication> StartSiloAsync(string data, Uri fakeUrl)
    {
        var ports = Enumerable.Range(0, 4).Select(_ => FreePort()).ToArray();
        var settings = new Dictionary<string, string?>
        {
            ["MedifyAI:DataDirectory"] = data,
            ["MedifyAI:ApiUrls:0"] = $"http://127.0.0.1:{ports[0]}",
            ["MedifyAI:ManagementUrls:0"] = $"http://127.0.0.1:{ports[1]}",
            ["MedifyAI:Cluster:SiloPort"] = ports[2].ToString(CultureInfo.InvariantCulture),
            ["MedifyAI:Cluster:GatewayPort"] = ports[3].ToString(CultureInfo.InvariantCulture),
            ["MedifyAI:Generation:Provider"] = "SageMaker",
            ["MedifyAI:Generation:SageMaker:Region"] = FakeSageMakerRuntime.Region,
            ["MedifyAI:Generation:SageMaker:EndpointName"] = FakeSageMakerRuntime.EndpointName,
            ["MedifyAI:Generation:SageMaker:ServiceUrl"] = fakeUrl.ToString(),
            ["MedifyAI:Sessions:MaxTurnsPerSession"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in TestTokens.HostSettings)
        {
            settings[key] = value;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(FakeSageMakerRuntime.AccessKey, FakeSageMakerRuntime.SecretKey));
        builder.AddMedifySilo();
        var app = builder.Build();
        app.MapMedifySilo();
        await app.StartAsync();
        return app;
    }

    private static async Task<RunResult> RunOnceAsync(
        Uri apiUrl,
        int sessions,
        int turns,
        ConcurrentDictionary<string, FakeSageMakerExchange> exchanges,
        CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = sessions * 2 };
        using var http = new HttpClient(handler) { BaseAddress = apiUrl, Timeout = TimeSpan.FromSeconds(60) };
        var runId = Guid.NewGuid().ToString("N")[..8];

        var turnTimes = new ConcurrentDictionary<string, (long Start, long End)>();
        var tokenTimes = new ConcurrentDictionary<string, long>();
        var errors = 0;
        await Task.WhenAll(Enumerable.Range(0, sessions).Select(async worker =>
        {
            // One patient per worker, so the per-subject rate limits apply as they would to real patients.
            var token = TestTokens.Create($"bench-{runId}-{worker}", [MedifyAI.Security.Roles.Patient]);
            try
            {
                var plain = await CreateSessionAsync(http, token, cancellationToken);
                var streamed = await CreateSessionAsync(http, token, cancellationToken);
                for (var turn = 0; turn < turns; turn++)
                {
                    var marker = $"bench-{runId}-{worker}-{turn}";
                    var started = Stopwatch.GetTimestamp();
                    using var message = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{plain}/messages")
                    {
                        Content = JsonContent.Create(new { text = $"{Script[turn]} ({marker}p)" }),
                    };
                    message.Headers.Authorization = new("Bearer", token);
                    using var response = await http.SendAsync(message, cancellationToken);
                    await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    turnTimes[marker + "p"] = (started, Stopwatch.GetTimestamp());
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                    }

                    tokenTimes[marker + "s"] = await StreamTurnAsync(http, token, streamed, $"{Script[turn]} ({marker}s)", cancellationToken);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }
        }));

        var overheads = new List<double>();
        foreach (var (marker, times) in turnTimes)
        {
            if (exchanges.TryGetValue(marker, out var exchange))
            {
                overheads.Add(Milliseconds(times.End - times.Start - (exchange.Completed - exchange.Received)));
            }
        }

        var relays = new List<double>();
        foreach (var (marker, firstToken) in tokenTimes)
        {
            if (firstToken > 0 && exchanges.TryGetValue(marker, out var exchange) && exchange.FirstPartSent is { } firstPart)
            {
                relays.Add(Milliseconds(firstToken - firstPart));
            }
        }

        return new RunResult(overheads, relays, turnTimes.Count - overheads.Count, errors);
    }

    /// <summary>Sends one streamed turn and returns when its first token event arrived, or 0 when none did.</summary>
    private static async Task<long> StreamTurnAsync(
        HttpClient http,
        string token,
        string sessionId,
        string text,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/sessions/{sessionId}/messages/stream")
        {
            Content = JsonContent.Create(new { text }),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        long firstToken = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (firstToken == 0 && line == "event: token")
            {
                firstToken = Stopwatch.GetTimestamp();
            }
        }

        return firstToken;
    }

    private static async Task<string> CreateSessionAsync(HttpClient http, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sessions")
        {
            Content = JsonContent.Create(new { age = 38, sex = "female" }),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var created = await http.SendAsync(request, cancellationToken);
        created.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await created.Content.ReadAsStreamAsync(cancellationToken));
        return body.RootElement.GetProperty("sessionId").GetString()!;
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Median(List<RunResult> results, Func<RunResult, double> metric)
    {
        var values = results.Select(metric).Order().ToList();
        return values[values.Count / 2];
    }

    private static int ReadOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"bench-[0-9a-f]{8}-\d+-\d+[ps]")]
    private static partial Regex Marker();

    [GeneratedRegex("ask the next question: \"([^\"]*)\"")]
    private static partial Regex Question();
}
