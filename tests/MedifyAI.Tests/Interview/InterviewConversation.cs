using MedifyAI.Interview;
using MedifyAI.Sessions;

namespace MedifyAI.Tests.Interview;

/// <summary>Drives <see cref="GuidedInterview"/> through a conversation the way the session grain does.</summary>
internal sealed class InterviewConversation(PatientProfile? profile = null)
{
    private readonly List<RedFlag> _redFlags = [];

    public GuidedInterview Interview { get; } = new();

    public InterviewState State { get; } = new();

    public PatientProfile Profile { get; } = profile ?? new PatientProfile { Age = 40, Sex = Sex.Male };

    public IReadOnlyList<RedFlag> RedFlags => _redFlags;

    public int Turn { get; private set; }

    public InterviewStep Send(string text)
    {
        Turn++;
        var step = Interview.Process(State, Profile, _redFlags, text, Turn);
        _redFlags.AddRange(step.NewRedFlags);
        return step;
    }

    public Finding? Finding(string symptomId)
    {
        return State.Findings.Find(f => f.SymptomId == symptomId);
    }

    public static PatientProfile Adult(Sex sex = Sex.Male, int age = 40)
    {
        return new PatientProfile { Age = age, Sex = sex };
    }
}
