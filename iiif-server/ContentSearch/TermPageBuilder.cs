using System.Text.Json.Nodes;
using QyHeritage.Search.Queries;

namespace QyHeritage.Iiif.ContentSearch;

/// <summary>
/// The autocomplete response (https://iiif.io/api/search/2.0/#autocomplete-response): a <c>TermPage</c>
/// whose <c>Term</c>s carry the completion, how many pages contain it, and the search that finds them.
/// </summary>
public static class TermPageBuilder
{
    public static JsonObject Build(string id, string itemId, IReadOnlyList<Suggestion> suggestions, ContentSearchUrls urls)
    {
        var items = new JsonArray();
        foreach (var s in suggestions)
        {
            items.Add(new JsonObject
            {
                ["type"] = "Term",
                ["value"] = s.Text,
                ["total"] = s.Pages,
                // Following a term runs the search for it, so a client needs no URL template.
                ["service"] = new JsonArray(new JsonObject { ["id"] = urls.SearchFor(itemId, s.Text), ["type"] = "SearchService2" }),
            });
        }
        return new JsonObject
        {
            ["@context"] = ContentSearchUrls.Context,
            ["id"] = id,
            ["type"] = "TermPage",
            ["items"] = items,
        };
    }
}
