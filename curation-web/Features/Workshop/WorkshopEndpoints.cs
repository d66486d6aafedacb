using Microsoft.AspNetCore.Mvc;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Web.Features.Accounts;

namespace QyHeritage.Web.Features.Workshop;

/// <summary>
/// The curator's workshop: the pages (<c>/workshop</c>, <c>/workshop/exhibitions/{id}</c> and its preview, <c>/workshop/transcriptions</c>, Razor
/// components with the curator policy), the create form's POST, and the JSON API (<see cref="WorkshopApi"/>).
/// </summary>
public static class WorkshopEndpoints
{
    public const string ListPath = "/workshop";

    /// <summary>The curators' list of pages flagged "needs transcription" that have none yet (<c>TranscriptionsPage</c>).</summary>
    public const string TranscriptionsPath = "/workshop/transcriptions";

    public static string EditorPath(string id) => $"/workshop/exhibitions/{id}";

    public static void MapWorkshop(this IEndpointRouteBuilder app)
    {
        app.MapWorkshopApi();

        // The list page's form (works without script): made, then to the editor; refused, then back to the form with
        // what was typed, where the page says what is wrong.
        app.MapPost("/workshop/exhibitions", async ([FromForm] string? id, [FromForm] string? titleZh, [FromForm] string? titleEn, [FromForm] string? hall,
            HttpContext http, ArchiveServices archive, CancellationToken ct) =>
        {
            var (created, refusal) = await WorkshopApi.CreateAsync(new ExhibitionStore(archive), id, new Bilingual(titleZh ?? "", titleEn ?? ""), hall,
                WorkshopApi.UserOf(http), ct);
            if (refusal is null) return Results.Redirect(EditorPath(created!));
            var back = QueryString.Create(new KeyValuePair<string, string?>[]
            {
                new("new", id ?? ""), new("zh", titleZh ?? ""), new("en", titleEn ?? ""), new("hall", hall ?? ""), new("refused", "1"),
            });
            return Results.Redirect(ListPath + back);
        }).RequireAuthorization(AccountPolicies.Curator);
    }
}
