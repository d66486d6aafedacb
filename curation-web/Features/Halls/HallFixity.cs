using System.Security.Cryptography;
using System.Text.Json;
using QyHeritage.Archive;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Archive.Fixity;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Web.Features.Halls;

/// <summary>
/// Fixity of the halls' derivatives: each stored GLB against the SHA-512 in its <c>.source.json</c>, each picture against
/// its <c>pictures.json</c>. Used by the host before it serves a stored hall or picture (once per version), and by
/// <c>qy audit</c> and the scheduled audit (<see cref="Audit"/>), whose report names the exhibition and the blob.
/// </summary>
public static class HallFixity
{
    public const string FindingCode = "QY-DERIVATIVE";

    public static string Prefix => $"{ArchiveKeys.DerivativesRoot}/{HallDerivatives.Root}/";

    /// <summary>The halls' part of an audit (<see cref="AuditOptions.DerivativeAudits"/>).</summary>
    public static DerivativeAudit Audit { get; } = new(Prefix, AuditAsync);

    /// <summary>What is wrong with the stored GLB of the hall of <paramref name="id"/>: "" when intact.</summary>
    public static async Task<string> CheckHallAsync(IBlobStore store, string id, CancellationToken ct)
    {
        HallRecord? record;
        try { record = JsonSerializer.Deserialize<HallRecord>(await store.ReadBytesAsync(HallDerivatives.RecordKey(id), ct)); }
        catch (BlobNotFoundException) { return $"no record for the hall of {id}"; }
        catch (JsonException) { return $"the record of the hall of {id} cannot be read"; }
        if (record is null) return $"the record of the hall of {id} is empty";
        return await CheckBlobAsync(store, HallDerivatives.GlbKey(id), record.GlbSha512, $"the hall of {id}", ct);
    }

    /// <summary>What is wrong with the stored pictures of the hall of <paramref name="id"/>: one line each, none when intact or never rendered.</summary>
    public static async Task<IReadOnlyList<(string Name, string Problem)>> CheckPicturesAsync(IBlobStore store, string id, CancellationToken ct)
    {
        HallPicturesRecord? record;
        try { record = JsonSerializer.Deserialize<HallPicturesRecord>(await store.ReadBytesAsync(HallPictureDerivatives.RecordKey(id), ct)); }
        catch (BlobNotFoundException) { return []; }
        catch (JsonException) { return [(HallPictureDerivatives.RecordName, $"the record of the pictures of the hall of {id} cannot be read")]; }
        var problems = new List<(string, string)>();
        foreach (var f in record?.Files ?? [])
        {
            var problem = await CheckBlobAsync(store, HallPictureDerivatives.PictureKey(id, f.Name), f.Sha512, $"the hall picture {id}/{f.Name}", ct);
            if (problem.Length > 0) problems.Add((f.Name, problem));
        }
        return problems;
    }

    private static async Task<DerivativeAuditResult> AuditAsync(IBlobStore store, CancellationToken ct)
    {
        var halls = new List<string>();
        var pictured = new List<string>();
        await foreach (var blob in store.ListAsync(Prefix, ct))
        {
            var name = blob.Key.Value[Prefix.Length..];
            if (name.EndsWith(".source.json", StringComparison.Ordinal) && !name.Contains('/'))
                halls.Add(name[..^".source.json".Length]);
            else if (name.EndsWith("/" + HallPictureDerivatives.RecordName, StringComparison.Ordinal) && name.Count(c => c == '/') == 1)
                pictured.Add(name[..name.IndexOf('/')]);
        }
        var findings = new List<AuditFinding>();
        var count = 0;
        foreach (var id in halls.Order(StringComparer.Ordinal))
        {
            count++;
            var problem = await CheckHallAsync(store, id, ct);
            if (problem.Length > 0)
                findings.Add(Finding(id, HallDerivatives.GlbKey(id), problem, $"qy hall compile {id}"));
        }
        foreach (var id in pictured.Order(StringComparer.Ordinal))
        {
            if (await ReadPictureCountAsync(store, id, ct) is { } n) count += n;
            foreach (var (name, problem) in await CheckPicturesAsync(store, id, ct))
                findings.Add(Finding(id, HallPictureDerivatives.PictureKey(id, name), problem, $"qy hall render {id}"));
        }
        return new DerivativeAuditResult(count, findings);
    }

    private static AuditFinding Finding(string id, BlobKey key, string problem, string rebuild) => new(
        problem.Contains("is missing", StringComparison.Ordinal) ? AuditFindingKind.Missing : AuditFindingKind.Corrupted,
        ExhibitionObjectId.For(id), null, key.Value, null, FindingCode,
        $"{problem}. A derivative of the published exhibition: the host rebuilds it when next asked, or run {rebuild}.");

    private static async Task<int?> ReadPictureCountAsync(IBlobStore store, string id, CancellationToken ct)
    {
        try { return JsonSerializer.Deserialize<HallPicturesRecord>(await store.ReadBytesAsync(HallPictureDerivatives.RecordKey(id), ct))?.Files.Count; }
        catch (Exception e) when (e is BlobNotFoundException or JsonException) { return null; }
    }

    private static async Task<string> CheckBlobAsync(IBlobStore store, BlobKey key, string expected, string what, CancellationToken ct)
    {
        try
        {
            await using var s = await store.OpenReadAsync(key, ct);
            var actual = Convert.ToHexStringLower(await SHA512.HashDataAsync(s, ct));
            return actual == expected ? "" : $"{what} has SHA-512 {actual[..16]}…, not {expected[..16]}… as recorded";
        }
        catch (BlobNotFoundException)
        {
            return $"{what} is missing";
        }
    }
}
