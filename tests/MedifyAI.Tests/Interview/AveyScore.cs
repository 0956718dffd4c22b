namespace MedifyAI.Tests.Interview;

/// <summary>Counts and rates from <see cref="AveyExtractionScorer"/>.</summary>
public sealed class AveyScore
{
    public int Vignettes { get; set; }

    public int ExpectedPositives { get; set; }

    public int PredictedPositives { get; set; }

    public int TruePositives { get; set; }

    /// <summary>Chief complaints the extractor recorded as denied: a real error, unlike an extra positive.</summary>
    public int PositivesPredictedAbsent { get; set; }

    public int UnmappableComplaints { get; set; }

    public List<string> UnmappableComplaintTexts { get; } = [];

    /// <summary>Chief-complaint ids that were not extracted as present, with "(denied)" when recorded absent.</summary>
    public List<string> MissedComplaints { get; } = [];

    public int ExpectedNegatives { get; set; }

    public int PredictedNegatives { get; set; }

    public int TrueNegatives { get; set; }

    /// <summary>Absent findings the extractor recorded as present.</summary>
    public int NegativesPredictedPresent { get; set; }

    public int UnmappableNegatives { get; set; }

    public List<string> UnmappableNegativeTexts { get; } = [];

    /// <summary>
    /// Share of present findings that are chief complaints. The presentation also describes symptoms that
    /// are not chief complaints, so this is a lower bound on real precision.
    /// </summary>
    public double PositivePrecision => Ratio(TruePositives, PredictedPositives);

    /// <summary>Chief complaints found, over mapped complaints plus unmappable ones.</summary>
    public double PositiveRecall => Ratio(TruePositives, ExpectedPositives + UnmappableComplaints);

    public double NegativePrecision => Ratio(TrueNegatives, PredictedNegatives);

    /// <summary>Absent findings found, over mapped findings plus unmappable ones.</summary>
    public double NegativeRecall => Ratio(TrueNegatives, ExpectedNegatives + UnmappableNegatives);

    private static double Ratio(int numerator, int denominator)
    {
        return denominator == 0 ? 0 : (double)numerator / denominator;
    }
}
