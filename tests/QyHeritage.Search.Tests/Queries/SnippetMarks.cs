using QyHeritage.Search.Queries;

namespace QyHeritage.Search.Tests.Queries;

/// <summary>A snippet written with its ranges as &lt;mark&gt;…&lt;/mark&gt;, so that tests read which text is marked.</summary>
internal static class SnippetMarks
{
    public static string Marked(this Snippet snippet)
    {
        var text = snippet.Text;
        var at = 0;
        var marked = new System.Text.StringBuilder();
        foreach (var h in snippet.Highlights)
        {
            marked.Append(text[at..h.Start]).Append("<mark>").Append(text.AsSpan(h.Start, h.Length)).Append("</mark>");
            at = h.Start + h.Length;
        }
        return marked.Append(text[at..]).ToString();
    }
}
