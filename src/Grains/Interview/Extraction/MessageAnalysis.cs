namespace MedifyAI.Interview.Extraction;

/// <summary>
/// Everything read from one patient message. Attributes that could be tied to a symptom in the message
/// are already on its <see cref="SymptomMention"/>; the rest stay here for the interview to apply to the
/// chief complaint or to the pending question.
/// </summary>
internal sealed class MessageAnalysis
{
    public List<SymptomMention> Mentions { get; } = [];

    /// <summary>Onset or duration not tied to any symptom in the message.</summary>
    public DurationMention? LooseDuration { get; set; }

    /// <summary>Severity not tied to any symptom in the message, including a bare number from 1 to 10.</summary>
    public int? LooseSeverity { get; set; }

    /// <summary>True when "sudden" or a synonym was not tied to any symptom in the message.</summary>
    public bool LooseSuddenOnset { get; set; }

    /// <summary>Body locations not tied to any symptom, for example "left arm" in "yes, my left arm".</summary>
    public List<string> LooseLocations { get; } = [];

    /// <summary>Highest body temperature stated, in degrees Celsius.</summary>
    public double? TemperatureCelsius { get; set; }

    /// <summary>The number when the whole message is one number, as in "7" or "about 7".</summary>
    public double? LoneNumber { get; set; }

    public ReplyPolarity Polarity { get; set; }

    /// <summary>True when the message is only a "none" style answer, such as "none" or "nothing".</summary>
    public bool IsNoneAnswer { get; set; }

    /// <summary>True when the message ends with a closing phrase such as "that's all" or "bye".</summary>
    public bool IsClosing { get; set; }

    /// <summary>Number of word and number tokens in the message.</summary>
    public int WordCount { get; set; }
}
