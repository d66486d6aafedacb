using System.Security.Cryptography;
using System.Text.Json.Serialization;
using QyHeritage.Archive.Exhibitions;

namespace QyHeritage.Web.Features.Tours;

/// <summary>
/// A live tour as kept (<c>tours/{id}.json</c> in the blob store): the published exhibition it walks through (a copy,
/// so that a republish mid-tour moves nothing), the guide, the join code, where the tour is, who joined and what they
/// answered. Changed only through <see cref="TourRegistry"/> (on one host under <see cref="Gate"/>; with Redis a fresh snapshot per read).
/// </summary>
public sealed class Tour
{
    public string Id { get; init; } = "";
    public string Code { get; init; } = "";
    public string ExhibitionId { get; init; } = "";
    public int ExhibitionVersion { get; init; }
    public Exhibition Exhibition { get; init; } = default!;
    public string Guide { get; init; } = "";
    public int Stop { get; set; } = 1;
    /// <summary>Gathered: pupils are held at the guide's stop; otherwise they may look around between moves.</summary>
    public bool Gathered { get; set; }
    public List<TourPupil> Pupils { get; init; } = [];
    public QuestionRef? Question { get; set; }
    public bool ResultsShown { get; set; }
    public List<TourAnswer> Answers { get; init; } = [];
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset LastActivity { get; set; }
    public DateTimeOffset? Ended { get; set; }

    [JsonIgnore] public object Gate { get; } = new();

    /// <summary>Not kept: where the guide points (stop, x, y as fractions of the exhibit image).</summary>
    [JsonIgnore] public TourPointer? Pointer { get; set; }

    /// <summary>Not kept: open hub connections per pupil, for the guide's list.</summary>
    [JsonIgnore] public Dictionary<string, int> Connected { get; } = [];

    [JsonIgnore] public bool IsLive => Ended is null;

    [JsonIgnore] public IReadOnlyList<TourStop> Stops => _stops ??= TourStops.From(Exhibition);
    private IReadOnlyList<TourStop>? _stops;

    public TourPupil? PupilByToken(string token)
    {
        var hash = TourPupil.Hash(token);
        return Pupils.FirstOrDefault(p => !p.Removed && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(p.TokenHash), Convert.FromHexString(hash)));
    }

    public TourQuestion? QuestionAt(QuestionRef q) =>
        q.Stop >= 1 && q.Stop <= Stops.Count && Stops[q.Stop - 1].Questions is var list && q.Index >= 0 && q.Index < list.Count ? list[q.Index] : null;

    /// <summary>How the open (or last) question was answered: counts per choice and, for the guide, who said what.</summary>
    public AnswerSummary? Summary(bool withNames)
    {
        if (Question is not { } q || QuestionAt(q) is not { } question) return null;
        var answers = Answers.Where(a => a.Stop == q.Stop && a.Question == q.Index).ToList();
        var counts = new int[question.Choices?.Count ?? 0];
        foreach (var a in answers)
            foreach (var c in a.Choices.Distinct())
                if (c >= 0 && c < counts.Length) counts[c]++;
        var names = Pupils.ToDictionary(p => p.Id, p => p.Name);
        return new AnswerSummary(q.Stop, q.Index, answers.Count, Pupils.Count(p => !p.Removed), counts,
            withNames ? answers.Select(a => new NamedAnswer(names.GetValueOrDefault(a.Pupil, "?"), a.Choices, a.Text)).ToList() : null,
            withNames ? null : answers.Where(a => a.Text is { Length: > 0 }).Select(a => a.Text!).ToList());
    }
}

/// <summary>A pupil as they joined: the name they typed (normalised), the hash of their rejoin token.</summary>
public sealed record TourPupil(string Id, string Name, string TokenHash, DateTimeOffset Joined)
{
    public bool Removed { get; set; }

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}

/// <summary>A question of a stop: the stop's number and the question's index in the exhibit's list.</summary>
public sealed record QuestionRef(int Stop, int Index);

/// <summary>One pupil's answer to one question (their last one counts).</summary>
public sealed record TourAnswer(string Pupil, int Stop, int Question, int[] Choices, string? Text, DateTimeOffset At);

/// <summary>Where the guide points: stop, and x, y from 0 to 1 across the stop's image.</summary>
public sealed record TourPointer(int Stop, double X, double Y);

/// <summary>Answers to a question: how many answered out of how many present, counts per choice; names for the guide only.</summary>
public sealed record AnswerSummary(int Stop, int Question, int Answered, int Present, int[] Counts, List<NamedAnswer>? Answers, List<string>? Texts);

public sealed record NamedAnswer(string Name, int[] Choices, string? Text);
