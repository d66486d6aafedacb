using System.Text;
using QyHeritage.Archive.Exhibitions;

namespace QyHeritage.Web.Features.Tours;

/// <summary>
/// The teacher's summary of a tour: one row per answer, with the name as the pupil typed it, the stop, the question
/// and the answer. Nothing else about pupils is collected. UTF-8 with a byte-order mark (spreadsheets then read 中文).
/// </summary>
public static class TourSummary
{
    public static byte[] Csv(Tour tour)
    {
        var b = new StringBuilder();
        Row(b, "姓名 Name", "站 Stop", "展品 Exhibit", "问题 Question", "回答 Answer");
        lock (tour.Gate)
        {
            var names = tour.Pupils.ToDictionary(p => p.Id, p => p.Name);
            foreach (var a in tour.Answers.OrderBy(a => a.Stop).ThenBy(a => a.Question).ThenBy(a => a.At))
            {
                var stop = a.Stop >= 1 && a.Stop <= tour.Stops.Count ? tour.Stops[a.Stop - 1] : null;
                var q = tour.QuestionAt(new QuestionRef(a.Stop, a.Question));
                var answer = a.Text ?? string.Join("; ", a.Choices.Select(c => q?.Choices is { } cs && c < cs.Count ? cs[c].Zh : c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                Row(b, names.GetValueOrDefault(a.Pupil, ""), a.Stop.ToString(System.Globalization.CultureInfo.InvariantCulture), stop?.Title.Zh ?? "", q?.Prompt.Zh ?? "", answer);
            }
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(b.ToString())];
    }

    private static void Row(StringBuilder b, params string[] fields)
    {
        b.AppendJoin(',', fields.Select(Field));
        b.Append("\r\n");
    }

    /// <summary>Quoted; a leading = + - @ is made text so that a spreadsheet never runs a pupil's "name" as a formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0])) value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
