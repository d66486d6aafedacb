using QyHeritage.Archive.Exhibitions;

namespace QyHeritage.Web.Features.Workshop;

// The JSON of /api/workshop: named records, so the OpenAPI document describes what the curator's API answers.

/// <summary>GET /api/workshop/exhibitions: every exhibition that is not deleted, drafts and published alike.</summary>
public sealed record WorkshopListResponse(int Count, IReadOnlyList<WorkshopExhibitionSummary> Exhibitions);

/// <summary>
/// One exhibition as the workshop lists it: its head version, whether and which version is published, and who changed it
/// last and when (an autosaved draft newer than the head counts as the last change).
/// </summary>
public sealed record WorkshopExhibitionSummary(
    string Id, Bilingual Title, string Hall, int Exhibits, int HeadVersion, int? PublishedVersion, DateTimeOffset? PublishedAt,
    bool HasDraft, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>POST /api/workshop/exhibitions: a new exhibition, empty but for its id, title and hall template.</summary>
public sealed record CreateExhibitionRequest(string? Id, Bilingual? Title, string? Hall);

/// <summary>
/// GET /api/workshop/exhibitions/{id}: what the editor opens: the draft when there is one, else the last saved version.
/// <see cref="Revision"/> is the token a save sends back as its base (also the ETag).
/// </summary>
public sealed record WorkshopEditResponse(
    Exhibition Exhibition, string Revision, int HeadVersion, bool FromDraft, string ChangedBy, DateTimeOffset ChangedAt,
    int? PublishedVersion, DateTimeOffset? PublishedAt, IReadOnlyList<NewerItemVersion> NewerItemVersions, IReadOnlyList<string> Halls);

/// <summary>PUT …/draft and POST …/versions: the exhibition as edited and the revision it was based on.</summary>
public sealed record WorkshopSaveRequest(string Base, Exhibition Exhibition, string? Message);

/// <summary>POST …/publish, …/unpublish: the revision the curator is looking at (optional for unpublish).</summary>
public sealed record WorkshopActionRequest(string? Base);

/// <summary>POST …/restore: the version whose saved state becomes the newest version.</summary>
public sealed record WorkshopRestoreRequest(int Version);

/// <summary>A save or action that went through: the new revision and, where one was written, the OCFL version.</summary>
public sealed record WorkshopSavedResponse(string Revision, int HeadVersion, bool FromDraft, string ChangedBy, DateTimeOffset ChangedAt, int? PublishedVersion)
{
    /// <summary>What would stop it being saved as a version (a draft is kept as typed; a version must be well formed).</summary>
    public IReadOnlyList<ExhibitionProblem> Problems { get; init; } = [];

    /// <summary>Exhibits of the published copy whose item has a newer version than the one they show.</summary>
    public IReadOnlyList<NewerItemVersion> NewerItemVersions { get; init; } = [];
}

/// <summary>
/// 409 on a stale save: someone saved since the base revision. Says who, when and what they saved (their exhibition
/// as it is now), so the curator can compare, then load theirs or save again over it knowingly.
/// </summary>
public sealed record WorkshopConflictResponse(
    string Error, string ErrorZh, string ErrorEn, string ChangedBy, DateTimeOffset ChangedAt, string Revision, bool FromDraft, Exhibition Exhibition);

/// <summary>400 (or 404, 413): what is wrong, bilingual, and for a refused exhibition each problem with its JSON path.</summary>
public sealed record WorkshopProblemResponse(string Error, string ErrorZh, string ErrorEn, IReadOnlyList<ExhibitionProblem> Problems);

/// <summary>GET …/history: every version, oldest first.</summary>
public sealed record WorkshopHistoryResponse(string Id, IReadOnlyList<ExhibitionVersion> Versions);

/// <summary>DELETE …/{id} (hidden, kept in storage) and POST …/purge (removed for good).</summary>
public sealed record WorkshopRemovedResponse(string Id, bool Purged);

/// <summary>
/// GET /api/workshop/transcriptions (<c>?collection=</c>, <c>?page=</c>, <c>?size=</c> 1–200): one page of the pages flagged
/// "needs transcription" that have none yet, weakest first; <see cref="Total"/> of them match; every collection's count.
/// </summary>
public sealed record WorkshopTranscriptionsResponse(
    int Total, int Page, int PageCount, int PageSize, string? Collection, IReadOnlyList<WorkshopTranscriptionPage> Pages,
    IReadOnlyList<WorkshopTranscriptionCount> Collections);

/// <summary>
/// One page needing a transcription: its item (id, collection code, titles as catalogued), the page (order, label), the OCR
/// confidence 0–1, its address in the reading room and its thumbnail (IIIF Image API; null without an image).
/// </summary>
public sealed record WorkshopTranscriptionPage(
    string ItemId, string Collection, Bilingual Title, int Page, string Label, double Confidence, string ReadingRoom, string? Thumbnail);

/// <summary>A collection (its code) and how many of its pages need a transcription.</summary>
public sealed record WorkshopTranscriptionCount(string Collection, int Pages);

/// <summary>PUT /api/workshop/items/{id}/pages/{page}/transcription: the text and the item version the curator saw (null: any).</summary>
public sealed record TranscriptionRequest(string? Text, int? Version);

/// <summary>
/// The transcription stored: the item's new version, the text's characters and how many of them the alignment placed
/// on a character the OCR read alike (<see cref="Aligned"/> false: the page has no OCR, so no boxes), and where to read it.
/// </summary>
public sealed record TranscriptionSavedResponse(string ItemId, int Page, int Version, int Characters, int Confirmed, bool Aligned, string ReadingRoom);
