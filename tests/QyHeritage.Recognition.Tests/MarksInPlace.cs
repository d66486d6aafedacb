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

    /// <summary><see cref="Count"/> with a mark read in place where it is matched in a longest common subsequence of the line and its reading.</summary>
    public static (int Marks, int Placed) Matched(string text, IReadOnlyList<string> read, char mark) =>
        Count(text, read, mark, (line, i, best) => Matched(line, best)[i]);

    /// <summary>Which characters of <paramref name="drawn"/> are matched in a longest common subsequence with <paramref name="read"/>.</summary>
    public static bool[] Matched(string drawn, string read)
    {
        var lcs = new int[drawn.Length + 1, read.Length + 1];
        for (var i = drawn.Length - 1; i >= 0; i--)
            for (var j = read.Length - 1; j >= 0; j--)
                lcs[i, j] = drawn[i] == read[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var matched = new bool[drawn.Length];
        for (int i = 0, j = 0; i < drawn.Length && j < read.Length;)
        {
            if (drawn[i] == read[j]) { matched[i++] = true; j++; }
            else if (lcs[i + 1, j] >= lcs[i, j + 1]) i++;
            else j++;
        }
        return matched;
    }
}
