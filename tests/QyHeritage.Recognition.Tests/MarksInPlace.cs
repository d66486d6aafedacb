namespace QyHeritage.Recognition.Tests;

/// <summary>How many marks of punctuation of a drawn page are read where they stand.</summary>
internal static class MarksInPlace
{
    /// <summary>
    /// Each body line of <paramref name="text"/> (eight characters or more) holding <paramref name="mark"/>, against the
    /// column <paramref name="read"/> most like it: the marks it holds, and those <paramref name="inPlace"/> says are read in
    /// place (given the line, the mark's index in it and that reading).
    /// </summary>
    public static (int Marks, int Placed) Count(string text, IReadOnlyList<string> read, char mark, Func<string, int, string, bool> inPlace)
    {
        int marks = 0, placed = 0;
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length >= 8 && l.Contains(mark)))
        {
            var best = read.MaxBy(r => CharacterAccuracy.Measure(line, r)) ?? "";
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] != mark) continue;
                marks++;
                if (inPlace(line, i, best)) placed++;
            }
        }
        return (marks, placed);
    }
}
