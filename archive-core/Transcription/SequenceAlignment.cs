namespace QyHeritage.Archive.Transcription;

/// <summary>
/// Global alignment (Needleman–Wunsch) of the transcription's keys against the OCR's keys, with
/// free end gaps on the OCR side: OCR often reads page furniture before and after the text (the
/// 版心 strip, the provenance line) that the transcription leaves out, and skipping it should cost nothing.
/// </summary>
internal static class SequenceAlignment
{
    private const int MatchScore = 2;
    private const int MismatchScore = -1;
    private const int GapScore = -1;

    private const byte FromDiagonal = 0;
    private const byte FromUp = 1;   // transcription character left unaligned
    private const byte FromLeft = 2; // OCR glyph left unaligned

    /// <summary>
    /// For each transcription position, the OCR position it is aligned with (equal or substituted), or -1.
    /// Time O(n·m); memory two score rows and one byte of traceback per cell.
    /// </summary>
    public static int[] Align(IReadOnlyList<int> transcription, IReadOnlyList<int> ocr)
    {
        var n = transcription.Count;
        var m = ocr.Count;
        var result = new int[n];
        Array.Fill(result, -1);
        if (n == 0 || m == 0) return result;

        var width = m + 1;
        var trace = new byte[(n + 1) * width];
        var previous = new int[width];
        var current = new int[width];
        var ocrKeys = ocr as int[] ?? ocr.ToArray();

        // Row 0: leading OCR glyphs are skipped for free.
        for (var j = 1; j <= m; j++) trace[j] = FromLeft;

        for (var i = 1; i <= n; i++)
        {
            var key = transcription[i - 1];
            var row = i * width;
            current[0] = i * GapScore;
            trace[row] = FromUp;
            // On the last row trailing OCR glyphs are skipped for free as well.
            var leftGap = i == n ? 0 : GapScore;
            for (var j = 1; j <= m; j++)
            {
                var diagonal = previous[j - 1] + (IsMatch(key, ocrKeys[j - 1]) ? MatchScore : MismatchScore);
                var up = previous[j] + GapScore;
                var left = current[j - 1] + leftGap;
                // Ties prefer the diagonal, so a run of equal characters pairs up rather than gapping.
                if (diagonal >= up && diagonal >= left) { current[j] = diagonal; trace[row + j] = FromDiagonal; }
                else if (up >= left) { current[j] = up; trace[row + j] = FromUp; }
                else { current[j] = left; trace[row + j] = FromLeft; }
            }
            (previous, current) = (current, previous);
        }

        for (int i = n, j = m; i > 0 && j >= 0;)
        {
            switch (trace[i * width + j])
            {
                case FromDiagonal when j > 0:
                    result[i - 1] = j - 1; i--; j--; break;
                case FromLeft when j > 0:
                    j--; break;
                default:
                    i--; break;
            }
        }
        return result;
    }

    /// <summary>True when two keys count as the same character (the placeholder equals nothing).</summary>
    public static bool IsMatch(int transcriptionKey, int ocrKey) =>
        transcriptionKey == ocrKey && transcriptionKey != MatchKey.Placeholder && transcriptionKey != MatchKey.Blank;
}
