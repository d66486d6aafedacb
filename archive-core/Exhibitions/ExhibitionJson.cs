using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QyHeritage.Archive.Exhibitions;

/// <summary>
/// The exhibition's JSON form: what is stored in OCFL (<c>exhibition.json</c>, <c>published.json</c>),
/// what the workshop and the hall compiler exchange, and what <c>assets/exhibitions/*.json</c> hold.
/// Documented in <c>archive-core/Exhibitions/README.md</c> with a JSON Schema beside it. Written
/// deterministically (stable order, no timestamps beyond the publication stamp), so an unchanged
/// exhibition gives the same bytes and so no new OCFL version.
/// </summary>
public static class ExhibitionJson
{
    /// <summary>The contract's name and version, the <c>format</c> property of every document.</summary>
    public const string Format = "qy-exhibition/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // CJK stays readable in the preserved file; it is data and is encoded wherever it meets HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    public static string ToJson(Exhibition e) => JsonSerializer.Serialize(e, Options) + "\n";

    public static byte[] ToUtf8(Exhibition e) => System.Text.Encoding.UTF8.GetBytes(ToJson(e));

    /// <summary>Reads an exhibition; a document that is not one gives a problem, never an exception.</summary>
    public static (Exhibition? Exhibition, ExhibitionProblem? Problem) Parse(ReadOnlySpan<byte> utf8)
    {
        Exhibition? e;
        try
        {
            e = JsonSerializer.Deserialize<Exhibition>(utf8, Options);
        }
        catch (JsonException x)
        {
            var at = string.IsNullOrEmpty(x.Path) ? "$" : x.Path;
            return (null, new ExhibitionProblem(at, $"不是有效的展览 JSON：{Reason(x)}", $"Not a valid exhibition JSON: {Reason(x)}"));
        }
        if (e is null) return (null, new ExhibitionProblem("$", "展览 JSON 为空。", "The exhibition JSON is empty."));
        if (e.Format != Format)
            return (null, new ExhibitionProblem("format", $"未知的格式 {e.Format}（应为 {Format}）。", $"Unknown format {e.Format} (expected {Format})."));
        return (Normalize(e), null);
    }

    /// <summary>Reads an exhibition that must be valid (stored objects, shipped assets); throws <see cref="FormatException"/> otherwise.</summary>
    public static Exhibition ParseValid(ReadOnlySpan<byte> utf8, string what)
    {
        var (e, problem) = Parse(utf8);
        if (problem is not null) throw new FormatException($"{what}: {problem}");
        var problems = ExhibitionRules.Check(e!);
        if (problems.Count > 0) throw new FormatException($"{what}: {string.Join("; ", problems)}");
        return e!;
    }

    // The reader's message names the .NET type; the path already says where.
    private static string Reason(JsonException x) => x.Message.Split(" Path:", 2)[0];

    /// <summary>Absent lists and texts become empty ones, so that checks and pages need not test for null.</summary>
    private static Exhibition Normalize(Exhibition e) => e with
    {
        Title = e.Title ?? Bilingual.Empty,
        Hall = e.Hall ?? "",
        Sections = (e.Sections ?? []).Where(s => s is not null).Select(s => s with
        {
            Title = s.Title ?? Bilingual.Empty,
            Id = s.Id ?? "",
            Exhibits = (s.Exhibits ?? []).Where(x => x is not null).Select(x => x with
            {
                Id = x.Id ?? "",
                Item = x.Item ?? "",
                Label = x.Label ?? Bilingual.Empty,
                Questions = x.Questions?.Where(q => q is not null).Select(q => q with { Prompt = q.Prompt ?? Bilingual.Empty }).ToList(),
            }).ToList(),
        }).ToList(),
    };
}
