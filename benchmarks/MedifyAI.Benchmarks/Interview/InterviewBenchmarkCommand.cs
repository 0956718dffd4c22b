using System.Diagnostics;
using System.Globalization;
using MedifyAI.Benchmarks.Commands;
using MedifyAI.Interview;
using MedifyAI.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace MedifyAI.Benchmarks.Interview;

/// <summary>Times the guided interview's <see cref="IGuidedInterview.Process"/> on one thread, with no host around it.</summary>
internal sealed class InterviewBenchmarkCommand : IBenchmarkCommand
{
    private static readonly string[] Messages =
    [
        "I've had a headache for 3 days, about 7/10, and no fever or stiff neck.",
        "no",
        "It started suddenly yesterday evening and gets worse when I bend over.",
        "I take paracetamol sometimes but no other medicines.",
        "No nausea or vomiting, but I feel dizzy and tired. My left arm is fine.",
    ];

    public string Name => "interview";

    public string Description => "Process() time per message: --conversations 2000 (five messages each) --runs 3.";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var conversations = ReadOption(args, "--conversations", 2_000);
        var runs = ReadOption(args, "--runs", 3);
        var interview = new ServiceCollection().AddGuidedInterview().BuildServiceProvider().GetRequiredService<IGuidedInterview>();
        var profile = new PatientProfile { Age = 45, Sex = Sex.Female };

        Run(interview, profile, 200);
        var perCall = new List<double>();
        for (var run = 0; run < runs && !cancellationToken.IsCancellationRequested; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var calls = Run(interview, profile, conversations);
            var microseconds = Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls;
            perCall.Add(microseconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: {calls} calls, {microseconds:F1} µs per call"));
        }

        perCall.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: {perCall[perCall.Count / 2]:F1} µs per call"));
        return Task.FromResult(0);
    }

    private static int Run(IGuidedInterview interview, PatientProfile profile, int conversations)
    {
        var calls = 0;
        for (var conversation = 0; conversation < conversations; conversation++)
        {
            var state = new InterviewState();
            var flags = new List<RedFlag>();
            for (var turn = 0; turn < Messages.Length; turn++)
            {
                var step = interview.Process(state, profile, flags, Messages[turn], turn + 1);
                flags.AddRange(step.NewRedFlags);
                calls++;
            }
        }

        return calls;
    }

    private static int ReadOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
