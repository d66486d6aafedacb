using System.Text;
using System.Text.RegularExpressions;

namespace QyHeritage.Search.Queries;

/// <summary>
/// Turns what a researcher typed that the query syntax cannot read (an unmatched quote or bracket, a lone AND, a slash
/// between two names) into the nearest query it can: first by balancing and dropping what dangles, then, if that is not
/// enough, by reading every syntax character as a space (plain words, all required).
/// </summary>
internal static partial class QueryRepair
{
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal) { "AND", "OR", "NOT", "&&", "||" };

    /// <summary>
    /// The query with a slash read as a space (Lucene would start a regular expression), the last unmatched quote
    /// dropped, unmatched parentheses and brackets dropped, and operators with nothing to join dropped
    /// (or, when the query is nothing but operators, read as words).
    /// </summary>
    public static string Balance(string query)
    {
        var s = Unescaped('/').Replace(query, " ");
        if (Count(s, '"') % 2 == 1) s = s.Remove(LastUnescaped(s, '"'), 1);
        s = Pairs(s, '(', ')');
        s = Pairs(s, '[', ']');
        s = Pairs(s, '{', '}');
        return Dangling(s).Trim();
    }

    /// <summary>Every character of the query syntax read as a space, the operator words as words: plain text, every word required.</summary>
    public static string PlainText(string query)
    {
        var spaced = Syntax().Replace(query, " ");
        var words = spaced.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => Operators.Contains(w) ? w.ToLowerInvariant() : w);
        return string.Join(' ', words);
    }

    private static string Dangling(string s)
    {
        var tokens = Tokens(s);
        if (tokens.Count == 0) return s;
        if (tokens.All(t => Operators.Contains(t.Text))) return string.Join(' ', tokens.Select(t => t.Text.ToLowerInvariant()));
        var keep = new bool[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i].Text;
            if (!Operators.Contains(t)) { keep[i] = true; continue; }
            // An operator needs a word (or an opening group) after it; AND and OR need one before it too.
            var next = i + 1 < tokens.Count ? tokens[i + 1].Text : null;
            var nextOk = next is not null && !Operators.Contains(next) && next != ")" || next == "NOT";
            var prev = Previous(tokens, keep, i);
            var prevOk = t == "NOT" || (prev is not null && !Operators.Contains(prev) && prev != "(" );
            keep[i] = nextOk && prevOk;
        }
        var sb = new StringBuilder();
        var at = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (keep[i]) continue;
            sb.Append(s, at, tokens[i].Start - at);
            at = tokens[i].Start + tokens[i].Text.Length;
        }
        sb.Append(s, at, s.Length - at);
        return sb.ToString();
    }

    private static string? Previous(List<(int Start, string Text)> tokens, bool[] keep, int i)
    {
        for (var j = i - 1; j >= 0; j--)
            if (keep[j]) return tokens[j].Text;
        return null;
    }

    /// <summary>Whitespace-separated words, with parentheses as words of their own (quotes are not split further: AND inside a phrase is text).</summary>
    private static List<(int Start, string Text)> Tokens(string s)
    {
        var tokens = new List<(int, string)>();
        var inQuote = false;
        var start = -1;
        for (var i = 0; i <= s.Length; i++)
        {
            var c = i < s.Length ? s[i] : ' ';
            if (c == '"' && (i == 0 || s[i - 1] != '\\')) inQuote = !inQuote;
            var breaks = !inQuote && (char.IsWhiteSpace(c) || c is '(' or ')');
            if (breaks)
            {
                if (start >= 0) tokens.Add((start, s[start..i]));
                start = -1;
                if (c is '(' or ')') tokens.Add((i, c.ToString()));
            }
            else if (start < 0) start = i;
        }
        return tokens;
    }

    /// <summary>The text with every <paramref name="close"/> that closes nothing and every <paramref name="open"/> left open removed.</summary>
    private static string Pairs(string s, char open, char close)
    {
        var drop = new HashSet<int>();
        var opened = new Stack<int>();
        var inQuote = false;
        for (var i = 0; i < s.Length; i++)
        {
            if (i > 0 && s[i - 1] == '\\') continue;
            if (s[i] == '"') inQuote = !inQuote;
            if (inQuote) continue;
            if (s[i] == open) opened.Push(i);
            else if (s[i] == close && !opened.TryPop(out _)) drop.Add(i);
        }
        drop.UnionWith(opened);
        return drop.Count == 0 ? s : new string(s.Where((_, i) => !drop.Contains(i)).ToArray());
    }

    private static int Count(string s, char c) => s.Where((x, i) => x == c && (i == 0 || s[i - 1] != '\\')).Count();

    private static int LastUnescaped(string s, char c)
    {
        for (var i = s.Length - 1; i >= 0; i--)
            if (s[i] == c && (i == 0 || s[i - 1] != '\\')) return i;
        return -1;
    }

    private static Regex Unescaped(char c) => new($@"(?<!\\){Regex.Escape(c.ToString())}", RegexOptions.CultureInvariant);

    /// <summary>Every character the classic query syntax gives a meaning to.</summary>
    [GeneratedRegex(@"[\\+\-!():^\[\]""{}~*?|&/]", RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
