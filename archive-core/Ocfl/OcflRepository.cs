using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Ocfl;

/// <summary>
/// OCFL 1.1 objects (https://ocfl.io/1.1/spec/) on any <see cref="IBlobStore"/>: one object per
/// catalogue item, under a storage root (https://ocfl.io/1.1/spec/#storage-root) at
/// <c>{rootPrefix}/</c> with the flat direct layout (<c>{rootPrefix}/{objectId}/</c>).
/// </summary>
/// <remarks>
/// <para><b>Crash safety: direct write, commit by root inventory, recover on next write.</b>
/// A commit writes the new version's content straight to <c>vN/content/…</c>, then
/// <c>vN/inventory.json</c> and its sidecar, then (first version only) the object declaration, then the
/// root <c>inventory.json</c> (the commit point: one atomic blob write on a file system and on S3),
/// then the root sidecar. Readers only ever use the root inventory, so until the commit point they
/// see the previous version and never look at <c>vN/</c>; after it, everything the new inventory
/// names is already stored. A staging prefix was not used: S3 has no rename and copying every new
/// master into place would double the ingest traffic, while direct writes are invisible anyway.</para>
/// <para>What a crash leaves is repaired by the next <see cref="CommitAsync"/> (or
/// <see cref="RecoverAsync"/>): blobs under the unpublished <c>v(head+1)/</c> are deleted, and a root
/// sidecar that lags the root inventory is rewritten when the root inventory is byte for byte the
/// head version's inventory, whose own sidecar was written before. Anything else that does not add
/// up is refused as <see cref="OcflCorruptObjectException"/>, never deleted.</para>
/// <para>One writer per version: commits to the same object are serialised within this instance, and
/// the first write of a commit is a create-only write of <c>vN/inventory.json</c> that claims version N.
/// Of two processes or nodes racing for one version exactly one gets the claim where the store's
/// create-only write is atomic (the file system; S3 servers with <c>If-None-Match: *</c> on PUT, such as
/// MinIO and Ceph RGW); the other stops with <see cref="OcflConcurrentCommitException"/> before writing
/// anything. s3rver ignores the header, so there the claim is a check then a write, and the ingest's
/// per-object lock file (one data folder) is the guard. Recovery still deletes an unpublished
/// <c>v(head+1)/</c> as a crash's leftover: a writer must not recover an object another node is
/// committing at that moment (the ingest's lock ensures that within one data folder).</para>
/// </remarks>
public sealed class OcflRepository
{
    /// <summary>The object conformance declaration (https://ocfl.io/1.1/spec/#object-conformance-declaration).</summary>
    public const string ObjectDeclaration = "0=ocfl_object_1.1";

    /// <summary>The storage root conformance declaration (https://ocfl.io/1.1/spec/#root-conformance-declaration).</summary>
    public const string RootDeclaration = "0=ocfl_1.1";

    /// <summary>The layout extension named in <c>ocfl_layout.json</c>.</summary>
    public const string LayoutExtension = "0002-flat-direct-storage-layout";

    private const string Inventory = "inventory.json";

    private readonly IBlobStore _store;
    private readonly string _root;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private volatile bool _rootReady;

    public OcflRepository(IBlobStore store, string rootPrefix = "ocfl", ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _root = BlobKey.Parse(rootPrefix).Value;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The key prefix of the storage root, e.g. "ocfl".</summary>
    public string RootPrefix => _root;

    /// <summary>The key prefix of an object's root (<c>ocfl/QY-RB-001</c>), for the validator and tools.</summary>
    public string ObjectRoot(string objectId)
    {
        OcflObjectId.Check(objectId);
        return $"{_root}/{objectId}";
    }

    /// <summary>
    /// Makes <paramref name="state"/> the object's new logical state as a new version; creates the
    /// object when absent. Makes no version when the state equals the head (same paths, same bytes).
    /// Content already in the object, in any version, is referenced rather than stored again.
    /// First repairs what an interrupted earlier commit left (see the class remarks).
    /// </summary>
    /// <exception cref="ArgumentException">Invalid object id, logical paths (E052, E053, E095) or user address.</exception>
    /// <exception cref="OcflCorruptObjectException">The existing object cannot be trusted; nothing is written.</exception>
    /// <exception cref="IOException">A source gave different bytes on its second read.</exception>
    public async Task<OcflCommitResult> CommitAsync(string objectId, IReadOnlyList<OcflContent> state, OcflVersionInfo info, CancellationToken ct = default)
    {
        OcflObjectId.Check(objectId);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(info);
        if (string.IsNullOrWhiteSpace(info.UserName)) throw new ArgumentException("A version needs a user name (E054).", nameof(info));
        if (info.UserAddress is not null && !OcflInventoryParser.LooksLikeUri(info.UserAddress))
            throw new ArgumentException($"The user address '{info.UserAddress}' is not a URI (e.g. mailto:name@example.org) (W009).", nameof(info));
        var problems = OcflPaths.WriterProblems(state.Select(c => c.LogicalPath));
        if (problems.Count > 0) throw new ArgumentException($"Invalid logical state for '{objectId}': {string.Join("; ", problems)}.", nameof(state));

        var gate = _locks.GetOrAdd(objectId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await EnsureStorageRootAsync(ct);
            var (head, _) = await RecoverCoreAsync(objectId, ct);
            return await CommitCoreAsync(objectId, head, state, info, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Repairs what an interrupted commit left (see the class remarks) without making a version.
    /// Returns true when something was repaired.
    /// </summary>
    public async Task<bool> RecoverAsync(string objectId, CancellationToken ct = default)
    {
        OcflObjectId.Check(objectId);
        var gate = _locks.GetOrAdd(objectId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return (await RecoverCoreAsync(objectId, ct)).Repaired;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The head version, or null when there is no such object.</summary>
    public Task<OcflObjectState?> GetHeadAsync(string objectId, CancellationToken ct = default) => GetVersionAsync(objectId, null, ct);

    /// <summary>Version <paramref name="version"/> (the head when null), or null when there is no such object.</summary>
    /// <exception cref="FileNotFoundException">The object has no such version.</exception>
    public async Task<OcflObjectState?> GetVersionAsync(string objectId, int? version, CancellationToken ct = default)
    {
        OcflObjectId.Check(objectId);
        var (inv, _) = await LoadAsync(objectId, ct);
        if (inv is null) return null;
        var v = PickVersion(objectId, inv, version);
        var files = v.Files().ToDictionary(kv => kv.Key, kv => kv.Value.ToLowerInvariant(), StringComparer.Ordinal);
        OcflTimestamp.TryParse(v.Created, out var created);
        return new OcflObjectState(
            inv.Id, v.Number, inv.HeadVersion.Number, inv.DigestAlgorithm,
            new SortedDictionary<string, string>(files, StringComparer.Ordinal),
            new OcflVersionInfo(v.Message ?? "", v.UserName ?? "", v.UserAddress, created));
    }

    /// <summary>Opens a file of the head version (or of <paramref name="version"/>) for reading.</summary>
    /// <exception cref="FileNotFoundException">No such object, version or logical path.</exception>
    public async Task<Stream> OpenFileAsync(string objectId, string logicalPath, int? version = null, CancellationToken ct = default)
    {
        OcflObjectId.Check(objectId);
        var (inv, _) = await LoadAsync(objectId, ct);
        if (inv is null) throw new FileNotFoundException($"No OCFL object '{objectId}'.");
        var v = PickVersion(objectId, inv, version);
        var digest = v.State.FirstOrDefault(kv => kv.Value.Contains(logicalPath, StringComparer.Ordinal)).Key
            ?? throw new FileNotFoundException($"OCFL object '{objectId}' {v.Name} has no file '{logicalPath}'.");
        var contentPath = inv.Manifest[digest][0];
        if (!BlobKey.TryParse($"{_root}/{objectId}/{contentPath}", out var key, out var error))
            throw new OcflCorruptObjectException(objectId, $"content path '{contentPath}' cannot be stored here: {error}");
        return await _store.OpenReadAsync(key, ct);
    }

    /// <summary>The whole of a small file of the head version (or of <paramref name="version"/>): metadata, a text, an hOCR.</summary>
    /// <exception cref="FileNotFoundException">No such object, version or logical path.</exception>
    public async Task<byte[]> ReadFileAsync(string objectId, string logicalPath, int? version = null, CancellationToken ct = default)
    {
        await using var s = await OpenFileAsync(objectId, logicalPath, version, ct);
        using var buffer = new MemoryStream();
        await s.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <summary>
    /// A text file of the head version (or of <paramref name="version"/>) decoded as UTF-8, a byte-order mark at its
    /// start dropped (a transcription saved by a Windows editor), unlike a plain UTF-8 decode of <see cref="ReadFileAsync"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">No such object, version or logical path.</exception>
    public async Task<string> ReadTextAsync(string objectId, string logicalPath, int? version = null, CancellationToken ct = default)
    {
        await using var s = await OpenFileAsync(objectId, logicalPath, version, ct);
        using var reader = new StreamReader(s, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>Ids of the objects in the storage root (those with a root inventory), in ordinal order.</summary>
    public async IAsyncEnumerable<string> ListObjectIdsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        // The flat layout puts every object root one level below the storage root. IBlobStore lists
        // recursively (no delimiter), so this walks every key of every object: fine for a rebuild,
        // too slow for a request path on a large bucket.
        var prefix = _root + "/";
        await foreach (var blob in _store.ListAsync(prefix, ct))
        {
            var rel = blob.Key.Value[prefix.Length..];
            var slash = rel.IndexOf('/');
            if (slash > 0 && rel[(slash + 1)..] == Inventory && OcflObjectId.Problem(rel[..slash]) is null)
                yield return rel[..slash];
        }
    }

    private async Task<OcflCommitResult> CommitCoreAsync(string objectId, OcflInventory? head, IReadOnlyList<OcflContent> state, OcflVersionInfo info, CancellationToken ct)
    {
        var algorithm = head?.DigestAlgorithm ?? OcflDigest.Sha512;

        // Pass 1: digests of the whole new state, streaming, before anything is written.
        var digestOf = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var sourceOf = new Dictionary<string, OcflContent>(StringComparer.Ordinal);
        foreach (var c in state)
        {
            await using var s = await c.Open(ct);
            digestOf[c.LogicalPath] = await OcflDigest.ComputeAsync(s, algorithm, ct);
            sourceOf[c.LogicalPath] = c;
        }

        if (head is not null && SameFiles(head.HeadVersion.Files(), digestOf))
        {
            OcflLog.Unchanged(_logger, objectId, head.Head);
            return new OcflCommitResult(false, head.HeadVersion.Number, 0);
        }

        var padWidth = 0;
        var number = 1;
        if (head is not null)
        {
            OcflVersionName.TryParse(head.Head, out var headNumber, out padWidth);
            number = headNumber + 1;
        }
        var versionName = OcflVersionName.Format(number, padWidth);
        var contentDir = head?.EffectiveContentDirectory ?? OcflInventory.DefaultContentDirectory;

        // Manifest keys keep their case (E050 wants state keys to match exactly); lookups ignore it.
        var manifest = new Dictionary<string, IReadOnlyList<string>>(head?.Manifest ?? new Dictionary<string, IReadOnlyList<string>>(), StringComparer.Ordinal);
        var keyOf = manifest.Keys.ToDictionary(k => k.ToLowerInvariant(), k => k, StringComparer.Ordinal);

        // Pass 2: the content path of each digest the object does not hold yet (once, under its first logical path).
        var toStore = new List<(string ContentPath, string LogicalPath, string Digest)>();
        var newState = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (logicalPath, digest) in digestOf)
        {
            if (!keyOf.TryGetValue(digest, out var manifestKey))
            {
                var contentPath = $"{versionName}/{contentDir}/{logicalPath}";
                toStore.Add((contentPath, logicalPath, digest));
                manifest[digest] = [contentPath];
                keyOf[digest] = manifestKey = digest;
            }
            if (!newState.TryGetValue(manifestKey, out var paths)) newState[manifestKey] = paths = [];
            paths.Add(logicalPath);
        }

        var inventory = new OcflInventory
        {
            Id = objectId,
            DigestAlgorithm = algorithm,
            Head = versionName,
            ContentDirectory = head?.ContentDirectory,
            Manifest = manifest,
            Fixity = head?.Fixity ?? new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(),
            Versions =
            [
                .. head?.Versions ?? [],
                new OcflInventoryVersion
                {
                    Name = versionName,
                    Number = number,
                    Created = OcflTimestamp.Format(info.Created),
                    Message = info.Message,
                    UserName = info.UserName,
                    UserAddress = info.UserAddress,
                    State = newState.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal),
                },
            ],
        };
        var bytes = OcflInventoryWriter.Serialize(inventory);
        // A writer bug must not become a published version: the new inventory passes our own parser first.
        var selfCheck = new OcflIssues();
        OcflInventoryParser.Parse(bytes, selfCheck, Inventory, isRoot: true);
        if (selfCheck.ErrorCount > 0)
            throw new InvalidOperationException($"Refusing to write an invalid inventory for '{objectId}': {string.Join("; ", selfCheck.Errors)}");
        var sidecar = OcflInventoryWriter.Sidecar(algorithm, bytes);
        var sidecarName = $"{Inventory}.{algorithm}";

        // The version inventory is written first and create-only: it claims the version. Of two writers
        // of one version (two nodes on one bucket) exactly one gets it, on stores with an atomic
        // create-only write (file system, S3 servers with If-None-Match); the other stops here, having
        // written nothing. Readers never look at vN/ before the root inventory names it.
        using (var claim = new MemoryStream(bytes, writable: false))
        {
            if (!await _store.WriteIfAbsentAsync(Key(objectId, $"{versionName}/{Inventory}"), claim, ct))
                throw new OcflConcurrentCommitException(objectId, versionName);
        }
        var filesWritten = 0;
        long bytesWritten = 0;
        try
        {
            foreach (var (contentPath, logicalPath, digest) in toStore)
            {
                bytesWritten += await StoreContentAsync(objectId, contentPath, sourceOf[logicalPath], algorithm, digest, ct);
                filesWritten++;
                CrashRehearsal.Reach(CrashRehearsal.OcflContentStored);
            }
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // A failed commit gives its version back (content, then the claim), so the next writer need not recover it;
            // where even that fails (the store went away), the next commit's recovery does it.
            try
            {
                foreach (var (contentPath, _, _) in toStore.Take(filesWritten + 1)) await _store.DeleteAsync(Key(objectId, contentPath), CancellationToken.None);
                await _store.DeleteAsync(Key(objectId, $"{versionName}/{Inventory}"), CancellationToken.None);
            }
            catch (Exception) { /* the commit's own error says more */ }
            throw;
        }
        await _store.WriteTextAsync(Key(objectId, $"{versionName}/{sidecarName}"), sidecar, ct);
        if (head is null) await _store.WriteTextAsync(Key(objectId, ObjectDeclaration), "ocfl_object_1.1\n", ct);
        await _store.WriteBytesAsync(Key(objectId, Inventory), bytes, ct); // the commit point
        await _store.WriteTextAsync(Key(objectId, sidecarName), sidecar, ct);
        CrashRehearsal.Reach(CrashRehearsal.OcflCommitted);

        OcflLog.Committed(_logger, objectId, versionName, digestOf.Count, filesWritten, bytesWritten);
        return new OcflCommitResult(true, number, filesWritten);
    }

    /// <summary>Stores one content file, checking that the bytes stored are the bytes hashed in pass 1.</summary>
    private async Task<long> StoreContentAsync(string objectId, string contentPath, OcflContent source, string algorithm, string digest, CancellationToken ct)
    {
        var key = Key(objectId, contentPath);
        long length;
        string stored;
        await using (var s = await source.Open(ct))
        await using (var hashing = new HashingReadStream(s, OcflDigest.HashFor(algorithm)!.Value))
        {
            await _store.WriteAsync(key, hashing, ct);
            stored = hashing.FinishDigest();
            length = hashing.BytesRead;
        }
        if (!string.Equals(stored, digest, StringComparison.Ordinal))
        {
            await _store.DeleteAsync(key, ct);
            throw new IOException($"The bytes of '{source.LogicalPath}' changed while committing '{objectId}'; nothing was published.");
        }
        OcflLog.StoredContent(_logger, objectId, contentPath, length);
        return length;
    }

    /// <summary>Loads the head after repairing what an interrupted commit left; see the class remarks.</summary>
    private async Task<(OcflInventory? Head, bool Repaired)> RecoverCoreAsync(string objectId, CancellationToken ct)
    {
        var (head, rootBytes) = await LoadAsync(objectId, ct);
        var repaired = false;
        string leftoverPrefix;
        if (head is null)
        {
            // No root inventory: no object. A first commit that stopped early leaves only v1/ and the
            // declaration; anything else means something other than our crash, and is not ours to delete.
            leftoverPrefix = $"{_root}/{objectId}/";
            await foreach (var blob in _store.ListAsync(leftoverPrefix, ct))
            {
                var rel = blob.Key.Value[leftoverPrefix.Length..];
                if (rel != ObjectDeclaration && !rel.StartsWith("v1/", StringComparison.Ordinal))
                    throw new OcflCorruptObjectException(objectId, $"there is no root inventory but there is '{rel}'; not removing it");
            }
        }
        else
        {
            repaired |= await RepairRootSidecarAsync(objectId, head, rootBytes!, ct);
            OcflVersionName.TryParse(head.Head, out var n, out var pad);
            string next;
            try { next = OcflVersionName.Format(n + 1, pad); }
            catch (InvalidOperationException) { return (head, repaired); }
            leftoverPrefix = $"{_root}/{objectId}/{next}/";
        }

        var leftovers = new List<BlobKey>();
        await foreach (var blob in _store.ListAsync(leftoverPrefix, ct)) leftovers.Add(blob.Key);
        // Content first, the declaration last: an interrupted recovery leaves a state the next one handles.
        foreach (var key in leftovers.OrderBy(k => k.Name == ObjectDeclaration)) await _store.DeleteAsync(key, ct);
        if (leftovers.Count > 0)
        {
            OcflLog.RemovedIncomplete(_logger, objectId, leftovers.Count, leftoverPrefix);
            repaired = true;
        }
        return (head, repaired);
    }

    /// <summary>
    /// The root sidecar is the last write of a commit. When it does not match the root inventory,
    /// the commit is complete only if the root inventory is the head version's inventory byte for
    /// byte, and that copy's sidecar (written before the commit point) matches: then finish it.
    /// </summary>
    private async Task<bool> RepairRootSidecarAsync(string objectId, OcflInventory head, byte[] rootBytes, CancellationToken ct)
    {
        var sidecarName = $"{Inventory}.{head.DigestAlgorithm}";
        var actual = OcflDigest.Compute(head.DigestAlgorithm, rootBytes);
        if (SidecarDigest(await TryReadTextAsync(Key(objectId, sidecarName), ct)) is { } d && d.Equals(actual, StringComparison.OrdinalIgnoreCase))
            return false;

        var versionBytes = await TryReadBytesAsync(Key(objectId, $"{head.Head}/{Inventory}"), ct);
        var versionSidecar = SidecarDigest(await TryReadTextAsync(Key(objectId, $"{head.Head}/{sidecarName}"), ct));
        if (versionBytes is null || !versionBytes.AsSpan().SequenceEqual(rootBytes) || !actual.Equals(versionSidecar, StringComparison.OrdinalIgnoreCase))
            throw new OcflCorruptObjectException(objectId, $"the root {sidecarName} does not match the root inventory, and the root inventory is not a completed {head.Head}");
        await _store.WriteTextAsync(Key(objectId, sidecarName), OcflInventoryWriter.Sidecar(head.DigestAlgorithm, rootBytes), ct);
        OcflLog.RepairedSidecar(_logger, objectId, head.Head);
        return true;
    }

    /// <summary>Reads and parses the root inventory; null when absent. Trusts nothing else in the object.</summary>
    private async Task<(OcflInventory? Inventory, byte[]? Bytes)> LoadAsync(string objectId, CancellationToken ct)
    {
        var bytes = await TryReadBytesAsync(Key(objectId, Inventory), ct);
        if (bytes is null) return (null, null);
        var issues = new OcflIssues();
        var inv = OcflInventoryParser.Parse(bytes, issues, Inventory, isRoot: true);
        if (inv is null || issues.ErrorCount > 0)
            throw new OcflCorruptObjectException(objectId, string.Join("; ", issues.Errors));
        if (inv.Id != objectId)
            throw new OcflCorruptObjectException(objectId, $"its inventory says it is '{inv.Id}'");
        return (inv, bytes);
    }

    private static OcflInventoryVersion PickVersion(string objectId, OcflInventory inv, int? version) =>
        version is null ? inv.HeadVersion
        : inv.Version(version.Value) ?? throw new FileNotFoundException($"OCFL object '{objectId}' has no version {version} (head is {inv.Head}).");

    private static bool SameFiles(SortedDictionary<string, string> head, SortedDictionary<string, string> next) =>
        head.Count == next.Count && head.All(kv => next.TryGetValue(kv.Key, out var d) && d.Equals(kv.Value, StringComparison.OrdinalIgnoreCase));

    private async Task EnsureStorageRootAsync(CancellationToken ct)
    {
        if (_rootReady) return;
        var declaration = BlobKey.Combine(_root, RootDeclaration);
        if (!await _store.ExistsAsync(declaration, ct))
        {
            // The layout first and the declaration last, so a declared root always names its layout.
            var layout = $$"""
                {
                  "extension": "{{LayoutExtension}}",
                  "description": "Flat direct layout: each object's root is a folder named after the object id (catalogue ids such as QY-RB-001)."
                }

                """;
            await _store.WriteTextAsync(BlobKey.Combine(_root, "ocfl_layout.json"), layout.Replace("\r\n", "\n"), ct);
            await _store.WriteTextAsync(declaration, "ocfl_1.1\n", ct);
            OcflLog.CreatedStorageRoot(_logger, _root);
        }
        _rootReady = true;
    }

    private BlobKey Key(string objectId, string relative) => BlobKey.Parse($"{_root}/{objectId}/{relative}");

    /// <summary>The digest in a sidecar's text ("DIGEST inventory.json"), or null when it is not in that form.</summary>
    internal static string? SidecarDigest(string? text)
    {
        if (text is null) return null;
        var parts = text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && parts[1] == Inventory && OcflDigest.IsHex(parts[0]) ? parts[0] : null;
    }

    private async Task<byte[]?> TryReadBytesAsync(BlobKey key, CancellationToken ct)
    {
        try { return await _store.ReadBytesAsync(key, ct); }
        catch (BlobNotFoundException) { return null; }
    }

    private async Task<string?> TryReadTextAsync(BlobKey key, CancellationToken ct) =>
        await TryReadBytesAsync(key, ct) is { } b ? Encoding.UTF8.GetString(b) : null;
}
