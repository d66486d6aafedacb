using System.Globalization;
using System.Text.RegularExpressions;
using QyHeritage.Archive;
using QyHeritage.Archive.Transcription;
using QyHeritage.Search.Indexing;

namespace QyHeritage.Web.Features.Workshop;

/// <summary>
/// <c>PUT /api/workshop/items/{id}/pages/{page}/transcription</c> (curators and admins, in the workshop's group): a
/// curator's transcription of a page, stored as a new version of the item (<see cref="PageTranscriptionWriter"/>) and
/// indexed at once, so the page leaves the curators' list and is searched by its transcription. The body names the
/// item version the curator saw; a newer one is 409 (re-open and check), an unknown item or page 404, an empty or
/// binary text 400, a text over 256 KB 413.
/// </summary>
public static partial class PageTranscriptionApi
{
    public static void MapPageTranscriptionApi(this RouteGroupBuilder workshop)
    {
        workshop.MapPut("/items/{id}/pages/{page}/transcription", async (string id, string page, HttpContext http, ArchiveServices archive, SearchIndexer search, CancellationToken ct) =>
        {
            if (!PageNumber().IsMatch(page))
                return WorkshopApi.Problem(400, $"页码必须是从 1 开始的整数，而不是 “{UserText.Shorten(page, 24)}”。", $"A page is a whole number from 1, not '{UserText.Shorten(page, 24)}'.");
            var (request, error) = await WorkshopApi.ReadAsync<TranscriptionRequest>(http.Request, ct);
            if (error is not null) return error;
            if (request!.Text is null) return WorkshopApi.Problem(400, "请求缺少转录文字（text）。", "The request has no transcription (text).");
            var order = int.Parse(page, CultureInfo.InvariantCulture);
            var writer = new PageTranscriptionWriter(archive, search.IndexItemAsync);
            var (saved, refusal) = await writer.SaveAsync(id, order, request.Text, request.Version, WorkshopApi.UserOf(http), ct);
            if (refusal is not null)
            {
                var status = refusal.Kind switch
                {
                    TranscriptionRefusalKind.UnknownItem or TranscriptionRefusalKind.UnknownPage => 404,
                    TranscriptionRefusalKind.Stale => 409,
                    TranscriptionRefusalKind.TooLarge => 413,
                    _ => 400,
                };
                return WorkshopApi.Problem(status, refusal.Zh, refusal.En);
            }
            return Results.Ok(new TranscriptionSavedResponse(saved!.Item.Id, order, saved.Version, saved.Characters, saved.Confirmed, saved.Aligned,
                $"/items/{saved.Item.Id}/p/{order.ToString(CultureInfo.InvariantCulture)}"));
        }).Produces<TranscriptionSavedResponse>().Produces<WorkshopProblemResponse>(StatusCodes.Status400BadRequest)
          .Produces<WorkshopProblemResponse>(StatusCodes.Status404NotFound).Produces<WorkshopProblemResponse>(StatusCodes.Status409Conflict)
          .Produces<WorkshopProblemResponse>(StatusCodes.Status413PayloadTooLarge);
    }

    [GeneratedRegex("^[1-9][0-9]{0,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex PageNumber();
}
