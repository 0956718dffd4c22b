using System.Globalization;
using MedifyAI.Benchmarks.Chat;
using MedifyAI.Benchmarks.Commands;
using MedifyAI.Silo.Hosting;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedifyAI.Benchmarks.Security;

/// <summary>
/// Measures the throughput cost of authentication and authorization: the same chat load against the same
/// in-process embedded host, once with JWT validation and role policies and once with
/// <see cref="TrustingPolicyEvaluator"/>, alternating rounds in one run.
/// </summary>
internal sealed class AuthCostCommand : IBenchmarkCommand
{
    public string Name => "auth-cost";

    public string Description => "Chat throughput with and without authentication: --concurrency 50 --seconds 15 --rounds 3.";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var concurrency = ReadOption(args, "--concurrency", 50);
        var seconds = ReadOption(args, "--seconds", 15);
        var rounds = ReadOption(args, "--rounds", 3);
        var withAuth = new List<double>();
        var withoutAuth = new List<double>();

        Console.WriteLine("round | mode | level | turns | turns/s | p50 ms | p99 ms | errors");
        for (var round = 1; round <= rounds && !cancellationToken.IsCancellationRequested; round++)
        {
            foreach (var authenticated in new[] { true, false })
            {
                var result = await RunRoundAsync(authenticated, concurrency, TimeSpan.FromSeconds(seconds), cancellationToken);
                (authenticated ? withAuth : withoutAuth).Add(result.Throughput);
                Console.WriteLine($"{round,5} | {(authenticated ? "auth" : "none"),4} | {result.Format()}");
            }
        }

        var on = Median(withAuth);
        var off = Median(withoutAuth);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"median turns/s: with auth {on:F0}, without {off:F0}; ratio {on / off:F3} ({(1 - on / off) * 100:F1}% cost)"));
        return 0;
    }

    private static async Task<LevelResult> RunRoundAsync(
        bool authenticated,
        int concurrency,
        TimeSpan duration,
        CancellationToken cancellationToken)
    {
        using var data = new BenchmarkDirectory();
        var tokens = new BenchmarkTokens();
        var ports = BenchmarkPorts.Take(4);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Benchmark" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MedifyAI:DataDirectory"] = data.Path,
            ["MedifyAI:ApiUrls:0"] = $"http://127.0.0.1:{ports[0]}",
            ["MedifyAI:ManagementUrls:0"] = $"http://127.0.0.1:{ports[1]}",
            ["MedifyAI:Cluster:SiloPort"] = ports[2].ToString(CultureInfo.InvariantCulture),
            ["MedifyAI:Cluster:GatewayPort"] = ports[3].ToString(CultureInfo.InvariantCulture),
        }.Concat(tokens.HostSettings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value))));
        builder.Logging.ClearProviders();
        builder.AddMedifySilo();
        if (!authenticated)
        {
            builder.Services.AddSingleton<IPolicyEvaluator, TrustingPolicyEvaluator>();
        }

        await using var app = builder.Build();
        app.MapMedifySilo();
        await app.StartAsync(cancellationToken);

        var baseAddress = new Uri($"http://127.0.0.1:{ports[0]}");
        Action<System.Net.Http.Headers.HttpRequestHeaders, int> authorize = authenticated
            ? tokens.Authorize
            : (headers, worker) => headers.Add(TrustingPolicyEvaluator.SubjectHeader, $"bench-patient-{worker}");

        await ChatLoadGenerator.RunAsync(baseAddress, concurrency, 0, TimeSpan.FromSeconds(3), authorize, null, cancellationToken);
        var result = new LevelResult(concurrency);
        await ChatLoadGenerator.RunAsync(baseAddress, concurrency, 0, duration, authorize, result, cancellationToken);

        await app.StopAsync(CancellationToken.None);
        return result;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static int ReadOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
