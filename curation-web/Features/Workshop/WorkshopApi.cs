using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using QyHeritage.Archive;
using QyHeritage.Archive.Domain;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Web.Features.Accounts;
using QyHeritage.Web.Hosting;

namespace QyHeritage.Web.Features.Workshop;

/// <summary>
/// The curator's workshop API under <c>/api/workshop</c> (curators and admins; purge is the admin's): list, create,
/// open for editing, autosave a draft, save a version, publish, unpublish, delete (hide), purge, history and restore; and
/// the pages needing a transcription (<c>GET /api/workshop/transcriptions</c>, the list of <c>/workshop/transcriptions</c>)
/// and a page's transcription (<see cref="PageTranscriptionApi"/>).
/// Every save names the revision it was based on; when someone saved since, the answer is 409 with their change.
/// State changes carry the anti-forgery header like every other API (the security pipeline checks it).
/// </summary>
public static class WorkshopApi
{
    /// <summary>The largest request body taken (an exhibition of 500 exhibits with long texts fits).</summary>
    public const int MaxBodyBytes = 8 * 1024 * 1024;

    public const string Prefix = "/api/workshop/exhibitions";

    // A save checks the revision then writes: one at a time per exhibition in this process (the store's own gate
    // keeps OCFL versions apart across processes; drafts on a shared store race only between hosts).
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web) { MaxDepth = 16 };

    public static void MapWorkshopApi(this IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("/api/workshop").RequireAuthorization(AccountPolicies.Curator).ProducesRefusals();

        app.MapGet("/exhibitions", (ArchiveServices archive, CancellationToken ct) => ListAsync(new ExhibitionStore(archive), ct))
            .Produces<WorkshopListResponse>();

        // The curators' list of pages needing a transcription, as the page /workshop/transcriptions shows it.
        app.MapGet("/transcriptions", (HttpContext http, ArchiveServices archive) =>
        {
            var query = http.Request.Query;
            var list = TranscriptionList.Load(archive.Catalog, query["collection"], query["page"], query["size"]);
            if (list.UnknownCollection is not null)
            {
                var (zh, en) = list.UnknownCollectionProblem();
                return Problem(400, zh, en);
            }
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(TranscriptionsResponse(list));
        }).Produces<WorkshopTranscriptionsResponse>().Produces<WorkshopProblemResponse>(StatusCodes.Status400BadRequest);

        // A curator's transcription of a page (PageTranscriptionApi), from the list above.
        app.MapPageTranscriptionApi();

        app.MapPost("/exhibitions", async (HttpContext http, ArchiveServices archive, CancellationToken ct) =>
        {
            var (request, error) = await ReadAsync<CreateExhibitionRequest>(http.Request, ct);
            if (error is not null) return error;
            var store = new ExhibitionStore(archive);
            var (created, refusal) = await CreateAsync(store, request!.Id, request.Title, request.Hall, UserOf(http), ct);
            return refusal ?? Results.Created($"/workshop/exhibitions/{created}", await EditStateAsync(store, created!, ct));
        }).Produces<WorkshopEditResponse>(StatusCodes.Status201Created).Produces<WorkshopProblemResponse>(StatusCodes.Status400BadRequest)
          .Produces<WorkshopProblemResponse>(StatusCodes.Status409Conflict).Produces<WorkshopProblemResponse>(StatusCodes.Status413PayloadTooLarge);

        app.MapGet("/exhibitions/{id}", async (string id, HttpContext http, ArchiveServices archive, CancellationToken ct) =>
        {
            var state = await EditStateAsync(new ExhibitionStore(archive), id, ct);
            if (state is null) return NotFound(id);
            http.Response.Headers.ETag = $"\"{state.Revision}\"";
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(state);
        }).Produces<WorkshopEditResponse>().Produces<WorkshopProblemResponse>(StatusCodes.Status404NotFound);

        app.MapPut("/exhibitions/{id}/draft", (string id, HttpContext http, ArchiveServices archive, CancellationToken ct) =>
            SaveAsync(id, http, archive, asVersion: false, ct))
            .Produces<WorkshopSavedResponse>().Produces<WorkshopConflictResponse>(StatusCodes.Status409Conflict)
            .Produces<WorkshopProblemResponse>(StatusCodes.Status400BadRequest).Produces<WorkshopProblemResponse>(StatusCodes.Status404NotFound)
            .Produces<WorkshopProblemResponse>(StatusCodes.Status413PayloadTooLarge);

        app.MapPost("/exhibitions/{id}/versions", (string id, HttpContext http, ArchiveServices archive, CancellationToken ct) =>
            SaveAsync(id, http, archive, asVersion: true, ct))
            .Produces<WorkshopSavedResponse>().Produces<WorkshopConflictResponse>(StatusCodes.Status409Conflict)
            .Produces<WorkshopProblemResponse>(StatusCodes.Status400BadRequest).Produces<WorkshopProblemResponse>(StatusCodes.Status404NotFound)
            .Produces<WorkshopProblemResponse>(StatusCodes.Status413PayloadTooLarge);

        app.MapPost("/exhibitions/{id}/publish", (string id, HttpContext http, ArchiveServices archive, CancellationToken ct) =>
            ActAsync(id, http, archive, needsBase: true, (store, user) => store.PublishAsync(id, user, ct), ct))
            .Produces<WorkshopSavedResponse>().Produces<WorkshopConflictResponse>(StatusCodes.Status409Conflict)
            .Produces<WorkshopProblemResponse>(StatusCodes.Status400BadRequest).Produces<WorkshopProblemResponse>(StatusCodes.Status404NotFound);

        app.MapPost("/exhibitions/{id}/unpublish", (string id, HttpContext http, ArchiveServices archive, CancellationToken ct) =>
            ActAsync(id, http, archive, needsBase: false, (store, user) => store.UnpublishAsync(id, user, ct), ct))
            .Produces<WorkshopSavedResponse>().Produces<WorkshopProblemResponse>(StatusCodes.Status404NotFound);

        // One exhibit of the published copy takes its item's newer version (re-ingested since publishing); nothing else changes.
        app.MapPost("/exhibitions/{id}/exhibits/{exhibit}/take-newer", async (string id, string exhibit, HttpContext http, ArchiveServices archive, CancellationToken ct) =>
        {
            var store = new ExhibitionStore(archive);
            if (await store.GetPublishedAsync(id, ct) is not { } published || published.Exhibits.All(x => x.Id != exhibit))
                return Problem(404, $"已发布的展览 {id} 中没有展品 {exhibit}。", $"The published exhibition {id} shows no exhibit {exhibit}.");
            return await ActAsync(id, http, archive, needsBase: true, (s, user) => s.RepinAsync(id, exhibit, user, ct), ct);
        }).Produces<WorkshopSavedResponse>().Produces<WorkshopConflictResponse>(StatusCodes.Status409Conflict)
          .Produces<WorkshopProblemResponse>(StatusCodes.Status400BadRequest).Produces<WorkshopProblemResponse>(StatusCodes.Status404NotFound);

        app.MapPost("/exhibitions/{id}/restore", async (string id, HttpContext http, ArchiveServices archive, CancellationToken ct) =>
        {
            var (request, error) = await ReadAsync<WorkshopRestoreRequest>(http.Request, ct);
            if (error is not null) return error;
            var store = new ExhibitionStore(archive);
            return await UnderGateAsync(id, async () =>
            {
                if (await HeadAsync(archive, store, id, ct) is not { } head) return NotFound(id);
                if (request!.Version < 1 || request.Version > head.Version)
                    return Problem(404, $"展览 {id} 没有第 {request.Version} 版。", $"The exhibition {id} has no version {request.Version}.");
                await store.RestoreAsync(id, request.Version, UserOf(http), ct);
                await store.DiscardDraftAsync(id, ct);
                return Results.Ok(await SavedAsync(store, id, [], ct));
            });
        }).Produces<WorkshopSavedResponse>().Produces<WorkshopProblemResponse>(StatusCodes.Status404NotFound)
          .Produces<WorkshopProblemResponse>(StatusCodes.Status400BadRequest);

        app.MapGet("/exhibitions/{id}/history", async (string id, ArchiveServices archive, CancellationToken ct) =>
        {
            var store = new ExhibitionStore(archive);
            if (await HeadAsync(archive, store, id, ct) is null) return NotFound(id);
            return Results.Ok(new WorkshopHistoryResponse(id, await store.HistoryAsync(id, ct)));
        }).Produces<WorkshopHistoryResponse>().Produces<WorkshopProblemResponse>(StatusCodes.Status404NotFound);

        // Delete hides: a version marked withdrawn, the OCFL object and its history kept.
        app.MapDelete("/exhibitions/{id}", async (string id, HttpContext http, ArchiveServices archive, CancellationToken ct) =>
        {
            var store = new ExhibitionStore(archive);
            return await UnderGateAsync(id, async () =>
            {
                if (await HeadAsync(archive, store, id, ct) is null) return NotFound(id);
                await store.HideAsync(id, UserOf(http), ct);
                return Results.Ok(new WorkshopRemovedResponse(id, Purged: false));
            });
        }).Produces<WorkshopRemovedResponse>().Produces<WorkshopProblemResponse>(StatusCodes.Status404NotFound);

        // Only an admin removes an exhibition for good, and only one already deleted.
        app.MapPost("/exhibitions/{id}/purge", async (string id, ArchiveServices archive, ILoggerFactory logs, HttpContext http, CancellationToken ct) =>
        {
            var store = new ExhibitionStore(archive);
            if (!ExhibitionSlug.IsValid(id) || await archive.Ocfl.GetHeadAsync(ExhibitionObjectId.For(id), ct) is null) return NotFound(id);
            return await UnderGateAsync(id, async () =>
            {
                try { await store.PurgeAsync(id, ct); }
                catch (InvalidOperationException)
                {
                    return Problem(409, $"展览 {id} 尚未删除；请先删除再彻底清除。", $"The exhibition {id} is not deleted; delete it before purging.");
                }
                logs.CreateLogger(typeof(WorkshopApi)).LogWarning("Exhibition {Id} purged by {User}", id, UserOf(http));
                return Results.Ok(new WorkshopRemovedResponse(id, Purged: true));
            });
        }).RequireAuthorization(AccountPolicies.Admin)
          .Produces<WorkshopRemovedResponse>().Produces<WorkshopProblemResponse>(StatusCodes.Status404NotFound)
          .Produces<WorkshopProblemResponse>(StatusCodes.Status409Conflict);
    }

    /// <summary>Makes a new exhibition (version 1); the refusal when the id, title or hall is not acceptable or the id is taken.</summary>
    internal static async Task<(string? Id, IResult? Refusal)> CreateAsync(ExhibitionStore store, string? id, Bilingual? title, string? hall, string user, CancellationToken ct)
    {
        id = id?.Trim() ?? "";
        var exhibition = new Exhibition(id, new Bilingual(title?.Zh?.Trim() ?? "", title?.En?.Trim() ?? ""), null, null,
            string.IsNullOrWhiteSpace(hall) ? ExhibitionHalls.BeijiangGallery : hall.Trim(), null, []);
        var problems = ExhibitionRules.Check(exhibition);
        if (problems.Count > 0) return (null, Refused(problems));
        return await UnderGateAsync(id, async () =>
        {
            if (await store.GetAsync(id, null, ct) is not null)
                return ((string?)null, (IResult?)Problem(409, $"编号 {id} 已被使用（也可能是已删除的展览）。", $"The id {id} is taken (possibly by a deleted exhibition)."));
            await store.SaveVersionAsync(exhibition, user, "create", ct);
            return (id, null);
        });
    }

    internal static async Task<WorkshopListResponse> ListAsync(ExhibitionStore store, CancellationToken ct)
    {
        var list = new List<WorkshopExhibitionSummary>();
        foreach (var s in store.Index.List())
        {
            var draft = await store.GetDraftAsync(s.Id, ct);
            var (by, at) = draft is not null && draft.SavedAt > s.UpdatedAt ? (draft.SavedBy, draft.SavedAt) : (s.UpdatedBy, s.UpdatedAt);
            list.Add(new WorkshopExhibitionSummary(s.Id, draft?.Exhibition.Title ?? s.Title, s.Hall, s.Exhibits, s.HeadVersion,
                s.PublishedVersion, s.PublishedAt, draft is not null, by, at));
        }
        return new WorkshopListResponse(list.Count, list.OrderByDescending(x => x.ChangedAt).ToList());
    }

    /// <summary>What the editor opens, or null when there is no such exhibition (or it is deleted).</summary>
    internal static async Task<WorkshopEditResponse?> EditStateAsync(ExhibitionStore store, string id, CancellationToken ct)
    {
        if (!ExhibitionSlug.IsValid(id) || store.Index.Find(id) is not { } summary) return null;
        var draft = await store.GetDraftAsync(id, ct);
        var exhibition = draft?.Exhibition ?? await store.GetAsync(id, null, ct);
        if (exhibition is null) return null;
        var published = summary.IsPublished ? await store.GetPublishedAsync(id, ct) : null;
        var (by, at) = draft is not null ? (draft.SavedBy, draft.SavedAt) : (summary.UpdatedBy, summary.UpdatedAt);
        return new WorkshopEditResponse(exhibition, Revision(summary.HeadVersion, draft), summary.HeadVersion, draft is not null, by, at,
            summary.PublishedVersion, summary.PublishedAt, published is null ? [] : store.NewerItemVersions(published), ExhibitionHalls.Known);
    }

    private static async Task<IResult> SaveAsync(string id, HttpContext http, ArchiveServices archive, bool asVersion, CancellationToken ct)
    {
        var store = new ExhibitionStore(archive);
        var (body, error) = await ReadBodyAsync(http.Request, ct);
        if (error is not null) return error;
        WorkshopSaveRequest request;
        try
        {
            using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("base", out var b) || b.ValueKind != JsonValueKind.String)
                return Problem(400, "请求须包含 base（所依据的修订号）。", "The request needs base: the revision the change was based on.");
            if (!root.TryGetProperty("exhibition", out var e) || e.ValueKind != JsonValueKind.Object)
                return Problem(400, "请求须包含 exhibition（展览 JSON）。", "The request needs exhibition: the exhibition's JSON.");
            var (exhibition, problem) = ExhibitionJson.Parse(System.Text.Encoding.UTF8.GetBytes(e.GetRawText()));
            if (problem is not null) return Refused([problem with { Path = "exhibition." + problem.Path.TrimStart('$', '.') }]);
            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            request = new WorkshopSaveRequest(b.GetString()!, exhibition!, message);
        }
        catch (JsonException)
        {
            return Problem(400, "请求不是有效的 JSON。", "The request is not valid JSON.");
        }
        if (request.Exhibition.Id != id)
            return Problem(400, $"展览 JSON 的 id（{request.Exhibition.Id}）与地址中的 {id} 不符。", $"The exhibition's id ({request.Exhibition.Id}) is not {id}, the one in the address.");
        var problems = ExhibitionRules.Check(request.Exhibition);
        if (asVersion && problems.Count > 0) return Refused(problems);
        var user = UserOf(http);
        return await UnderGateAsync(id, async () =>
        {
            if (await ConflictAsync(store, id, request.Base, ct) is { } conflict) return conflict;
            if (asVersion)
            {
                var message = string.IsNullOrWhiteSpace(request.Message) ? "save" : request.Message.Trim();
                await store.SaveVersionAsync(request.Exhibition, user, message.Length > 200 ? message[..200] : message, ct);
            }
            else
            {
                var head = await HeadAsync(archive, store, id, ct);
                await store.SaveDraftAsync(request.Exhibition, head?.Version ?? 0, user, ct);
            }
            return Results.Ok(await SavedAsync(store, id, problems, ct));
        });
    }

    private static async Task<IResult> ActAsync(string id, HttpContext http, ArchiveServices archive, bool needsBase, Func<ExhibitionStore, string, Task> act, CancellationToken ct)
    {
        // The host's own store: publishing through it is what compiles the hall (its Published event).
        var store = http.RequestServices.GetRequiredService<ExhibitionStore>();
        string? baseRevision = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (request, error) = await ReadAsync<WorkshopActionRequest>(http.Request, ct);
            if (error is not null) return error;
            baseRevision = request?.Base;
        }
        if (needsBase && string.IsNullOrEmpty(baseRevision))
            return Problem(400, "请求须包含 base（所依据的修订号）。", "The request needs base: the revision the change was based on.");
        return await UnderGateAsync(id, async () =>
        {
            if (await HeadAsync(archive, store, id, ct) is null) return NotFound(id);
            if (baseRevision is not null && await ConflictAsync(store, id, baseRevision, ct) is { } conflict) return conflict;
            try { await act(store, UserOf(http)); }
            catch (ExhibitionRejectedException e) { return Refused(e.Problems); }
            catch (FileNotFoundException) { return NotFound(id); }
            return Results.Ok(await SavedAsync(store, id, [], ct));
        });
    }

    /// <summary>409 with the other curator's change when the exhibition moved on from <paramref name="baseRevision"/>; null when it did not.</summary>
    private static async Task<IResult?> ConflictAsync(ExhibitionStore store, string id, string baseRevision, CancellationToken ct)
    {
        var state = await EditStateAsync(store, id, ct);
        if (state is null) return NotFound(id);
        if (state.Revision == baseRevision) return null;
        var when = state.ChangedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var zh = $"{state.ChangedBy} 已于 {when} UTC {(state.FromDraft ? "修改" : "保存")}了此展览，您的更改未保存，以免覆盖对方的更改。";
        var en = $"{state.ChangedBy} {(state.FromDraft ? "changed" : "saved")} this exhibition at {when} UTC; your change was not saved, so as not to overwrite theirs.";
        return BilingualAnswer.Json(StatusCodes.Status409Conflict,
            new WorkshopConflictResponse(BilingualAnswer.Joined(zh, en), zh, en, state.ChangedBy, state.ChangedAt, state.Revision, state.FromDraft, state.Exhibition));
    }

    private static async Task<WorkshopSavedResponse> SavedAsync(ExhibitionStore store, string id, IReadOnlyList<ExhibitionProblem> problems, CancellationToken ct)
    {
        var state = (await EditStateAsync(store, id, ct))!;
        return new WorkshopSavedResponse(state.Revision, state.HeadVersion, state.FromDraft, state.ChangedBy, state.ChangedAt, state.PublishedVersion)
        {
            Problems = problems,
            NewerItemVersions = state.NewerItemVersions,
        };
    }

    /// <summary>The head of an exhibition the workshop can edit: null when there is none or it is deleted.</summary>
    private static async Task<Archive.Ocfl.OcflObjectState?> HeadAsync(ArchiveServices archive, ExhibitionStore store, string id, CancellationToken ct) =>
        ExhibitionSlug.IsValid(id) && await archive.Ocfl.GetHeadAsync(ExhibitionObjectId.For(id), ct) is { } head && !head.Files.ContainsKey(ExhibitionStore.WithdrawnPath)
            ? head
            : null;

    /// <summary>The revision token: the head version, and the draft's time when a draft is what the editor shows.</summary>
    internal static string Revision(int headVersion, ExhibitionDraft? draft) =>
        draft is null
            ? headVersion.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{headVersion}.{draft.SavedAt.UtcTicks}");

    internal static string UserOf(HttpContext http) => http.User.Identity?.Name is { Length: > 0 } name ? name : "unknown";

    private static async Task<(byte[] Body, IResult? Error)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var tooLarge = Problem(413, $"请求过大（上限 {MaxBodyBytes / 1024 / 1024} MB）。", $"The request is too large (at most {MaxBodyBytes / 1024 / 1024} MB).");
        if (request.ContentLength > MaxBodyBytes) return ([], tooLarge);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxBodyBytes) return ([], tooLarge);
            buffer.Write(chunk, 0, n);
        }
        return (buffer.ToArray(), null);
    }

    internal static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        var (body, error) = await ReadBodyAsync(request, ct);
        if (error is not null) return (null, error);
        try
        {
            return JsonSerializer.Deserialize<T>(body, RequestJson) is { } value
                ? (value, null)
                : (null, Problem(400, "请求为空。", "The request is empty."));
        }
        catch (JsonException)
        {
            return (null, Problem(400, "请求不是有效的 JSON。", "The request is not valid JSON."));
        }
    }

    private static async Task<IResult> UnderGateAsync(string id, Func<Task<IResult>> work)
    {
        var gate = Gates.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try { return await work(); }
        finally { gate.Release(); }
    }

    private static async Task<(string?, IResult?)> UnderGateAsync(string id, Func<Task<(string?, IResult?)>> work)
    {
        if (!ExhibitionSlug.IsValid(id)) return (null, Problem(400, "展览编号无效。", "The exhibition id is not valid."));
        var gate = Gates.GetOrAdd(id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try { return await work(); }
        finally { gate.Release(); }
    }

    private static WorkshopTranscriptionsResponse TranscriptionsResponse(TranscriptionList list) => new(
        list.Queue.Total, list.Page, list.PageCount, list.PageSize, list.Collection?.Code(),
        [.. list.Queue.Pages.Select(p => new WorkshopTranscriptionPage(p.ItemId, p.Collection.Code(), new Bilingual(p.TitleZh, p.TitleEn), p.Order, p.Label,
            p.Confidence, TranscriptionList.ReadingRoom(p), TranscriptionList.Thumbnail(p)?.Url))],
        [.. Collections.All.Select(k => new WorkshopTranscriptionCount(k.Code(), list.Queue.ByCollection.GetValueOrDefault(k)))]);

    internal static IResult NotFound(string id) =>
        Problem(404, $"没有编号为 {id} 的展览（或已删除）。", $"There is no exhibition {id} (or it was deleted).");

    internal static IResult Problem(int status, string zh, string en, IReadOnlyList<ExhibitionProblem>? problems = null) =>
        BilingualAnswer.Json(status, new WorkshopProblemResponse(BilingualAnswer.Joined(zh, en), zh, en, problems ?? []));

    internal static IResult Refused(IReadOnlyList<ExhibitionProblem> problems) =>
        Problem(400, $"展览有 {problems.Count} 处问题：{problems[0].Zh}", $"The exhibition has {problems.Count} problem(s): {problems[0].En}", problems);
}
