using System.Text.Json.Serialization;

namespace QyHeritage.Archive.Exhibitions;

/// <summary>How a tour question is answered.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuestionKind>))]
public enum QuestionKind
{
    /// <summary>Pick one of the choices; exactly one is right.</summary>
    [JsonStringEnumMemberName("single")] Single,
    /// <summary>Pick any of the choices; one or more are right.</summary>
    [JsonStringEnumMemberName("multiple")] Multiple,
    /// <summary>A few words typed by the pupil; the guide judges them against the model answer.</summary>
    [JsonStringEnumMemberName("short")] Short,
}

/// <summary>
/// A question a guide may put at an exhibit during a live study tour (issue 16).
/// </summary>
/// <param name="Kind">single, multiple or short.</param>
/// <param name="Prompt">The question.</param>
/// <param name="Choices">The choices of a single or multiple choice question, in order; none for a short answer.</param>
/// <param name="Answers">Indexes (from 0) of the right choices; none for a short answer.</param>
/// <param name="ModelAnswer">For a short answer, what the guide looks for; optional.</param>
public sealed record TourQuestion(
    QuestionKind Kind,
    Bilingual Prompt,
    IReadOnlyList<Bilingual>? Choices = null,
    IReadOnlyList<int>? Answers = null,
    Bilingual? ModelAnswer = null);
