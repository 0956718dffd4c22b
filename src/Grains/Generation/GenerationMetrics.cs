using System.Diagnostics.Metrics;

namespace MedifyAI.Generation;

/// <summary>Counters of model-backed generation, on the meter <c>MedifyAI.Generation</c>.</summary>
public sealed class GenerationMetrics
{
    public const string MeterName = "MedifyAI.Generation";

    private readonly Counter<long> _repliesReplaced;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _inputTokens;
    private readonly Counter<long> _outputTokens;

    public GenerationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _repliesReplaced = meter.CreateCounter<long>(
            "medifyai.generation.replies_replaced",
            unit: "{reply}",
            description: "Model replies rejected by the safety checks and replaced by the guided interview's reply.");
        _fallbacks = meter.CreateCounter<long>(
            "medifyai.generation.fallbacks",
            unit: "{reply}",
            description: "Replies the guided interview wrote because the model failed or timed out.");
        _inputTokens = meter.CreateCounter<long>(
            "medifyai.generation.input_tokens", unit: "{token}", description: "Prompt tokens the model reported.");
        _outputTokens = meter.CreateCounter<long>(
            "medifyai.generation.output_tokens", unit: "{token}", description: "Generated tokens the model reported.");
    }

    public void ReplyReplaced(string source, string reason) =>
        _repliesReplaced.Add(1, new("source", source), new("reason", reason));

    public void Fallback(string source, string reason) =>
        _fallbacks.Add(1, new("source", source), new("reason", reason));

    public void Tokens(string source, int? input, int? output)
    {
        if (input is { } inputTokens)
        {
            _inputTokens.Add(inputTokens, new KeyValuePair<string, object?>("source", source));
        }

        if (output is { } outputTokens)
        {
            _outputTokens.Add(outputTokens, new KeyValuePair<string, object?>("source", source));
        }
    }
}
