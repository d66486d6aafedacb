using System.Text;
using QyHeritage.Archive.Storage;

namespace QyHeritage.Archive.Ocfl;

/// <summary>
/// Checks one OCFL 1.1 object (https://ocfl.io/1.1/spec/#object-spec) on a blob store and reports
/// findings with the spec's validation codes (https://ocfl.io/1.1/spec/validation-codes.html):
/// structure of the object root and version directories, the root inventory, its sidecar, every
/// version inventory against the root, and the digest of every content file. Problems are values
/// in the result, never exceptions; only cancellation and storage outages throw.
/// </summary>
/// <remarks>
/// A blob store has no folders, so a folder exists when a blob is under it: empty folders (E024,
/// E073) cannot be seen, and a version with neither content nor inventory looks absent (E010).
/// Blobs whose names the store cannot list as keys are invisible here and show up as missing content.
/// </remarks>
public sealed class OcflValidator
{
    private const string Inventory = "inventory.json";

    /// <summary>Validates the object whose root is at <paramref name="objectRootPrefix"/> ("" when the store's root is the object root).</summary>
    public async Task<OcflValidationResult> ValidateObjectAsync(IBlobStore store, string objectRootPrefix, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var prefix = objectRootPrefix.Trim('/');
        var run = new Run(store, prefix.Length == 0 ? "" : prefix + "/", new OcflIssues());
        await foreach (var blob in store.ListAsync(run.Prefix, ct))
            run.Files[blob.Key.Value[run.Prefix.Length..]] = blob.Length;
        await run.ValidateAsync(ct);
        return run.Issues.ToResult();
    }

    /// <summary>The state of one validation: the object's blobs (relative paths) and the findings.</summary>
    private sealed class Run(IBlobStore store, string prefix, OcflIssues issues)
    {
        public string Prefix { get; } = prefix;
        public OcflIssues Issues { get; } = issues;
        public SortedDictionary<string, long> Files { get; } = new(StringComparer.Ordinal);

        public async Task ValidateAsync(CancellationToken ct)
        {
            if (Files.Count == 0)
            {
                Issues.Error("E003", "there is no object declaration (the object root is empty or missing)");
                Issues.Error("E063", "there is no root inventory");
                return;
            }
            var rootFiles = Files.Keys.Where(k => !k.Contains('/')).ToList();
            var rootDirs = Files.Keys.Where(k => k.Contains('/')).Select(k => k[..k.IndexOf('/')]).Distinct().ToList();

            await CheckDeclarationAsync(rootFiles, ct);

            OcflInventory? inv = null;
            byte[]? rootBytes = null;
            if (!Files.ContainsKey(Inventory)) Issues.Error("E063", "there is no root inventory.json");
            else
            {
                rootBytes = await ReadAsync(Inventory, ct);
                if (rootBytes is null) Issues.Error("E063", "the root inventory.json cannot be read");
                else
                {
                    inv = OcflInventoryParser.Parse(rootBytes, Issues, Inventory, isRoot: true);
                    await CheckSidecarAsync("", rootBytes, inv?.DigestAlgorithm, ct);
                }
            }

            CheckRootEntries(rootFiles, rootDirs, inv);
            var contentDir = inv?.EffectiveContentDirectory ?? OcflInventory.DefaultContentDirectory;

            var versionDirs = rootDirs
                .Select(d => (Name: d, Ok: OcflVersionName.TryParse(d, out var n, out _), Number: n))
                .Where(d => d.Ok).OrderBy(d => d.Number).ToList();
            if (inv is not null)
            {
                var declared = inv.Versions.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var d in versionDirs.Where(d => !declared.Contains(d.Name)))
                    Issues.Error("E046", $"version directory {d.Name} is not in the root inventory's versions");
                foreach (var v in inv.Versions.Where(v => !versionDirs.Any(d => d.Name == v.Name)))
                    Issues.Error("E010", $"the root inventory has {v.Name} but there is no such version directory");
            }

            (int, int)? lastSpec = null;
            foreach (var (name, _, number) in versionDirs)
            {
                CheckVersionDirEntries(name, contentDir);
                if (!Files.ContainsKey($"{name}/{Inventory}"))
                {
                    Issues.Warning("W010", $"version directory {name} has no inventory.json");
                    continue;
                }
                var bytes = await ReadAsync($"{name}/{Inventory}", ct);
                if (bytes is null) continue;
                var where = $"{name}/{Inventory}";
                var vinv = OcflInventoryParser.Parse(bytes, Issues, where, isRoot: false);
                await CheckSidecarAsync(name + "/", bytes, vinv?.DigestAlgorithm, ct);
                if (inv is not null && name == inv.Head && rootBytes is not null && !bytes.AsSpan().SequenceEqual(rootBytes))
                    Issues.Error("E064", $"the root inventory differs from {where}, the inventory of the head version");
                if (vinv is null) continue;
                if (SpecVersion(vinv.Type) is { } spec)
                {
                    if (lastSpec is { } last && spec.CompareTo(last) < 0)
                        Issues.Error("E103", $"{where} is of an older OCFL version ({vinv.Type}) than the version before it");
                    lastSpec = spec;
                }
                if (inv is not null) CheckVersionInventory(name, number, vinv, inv, where);
            }

            if (inv is not null) await CheckContentAsync(inv, ct);
        }

        /// <summary>https://ocfl.io/1.1/spec/#object-conformance-declaration (E003, E004, E007).</summary>
        private async Task CheckDeclarationAsync(List<string> rootFiles, CancellationToken ct)
        {
            var declarations = rootFiles.Where(f => f.StartsWith("0=", StringComparison.Ordinal)).ToList();
            if (declarations.Count == 0) { Issues.Error("E003", $"there is no {OcflRepository.ObjectDeclaration} declaration"); return; }
            if (declarations.Count > 1) Issues.Error("E003", $"there is more than one declaration: {string.Join(", ", declarations)}");
            foreach (var d in declarations)
            {
                if (d != OcflRepository.ObjectDeclaration) { Issues.Error("E004", $"declaration '{d}' is not {OcflRepository.ObjectDeclaration}"); continue; }
                var bytes = await ReadAsync(d, ct);
                if (bytes is null || Encoding.UTF8.GetString(bytes) != "ocfl_object_1.1\n")
                    Issues.Error("E007", $"{d} does not contain exactly 'ocfl_object_1.1' and a newline");
            }
        }

        /// <summary>https://ocfl.io/1.1/spec/#object-structure (E001) and the extensions folder (E067, W013).</summary>
        private void CheckRootEntries(List<string> rootFiles, List<string> rootDirs, OcflInventory? inv)
        {
            foreach (var f in rootFiles)
            {
                if (f == Inventory || f.StartsWith("0=", StringComparison.Ordinal)) continue;
                if (f.StartsWith(Inventory + ".", StringComparison.Ordinal)
                    && (inv is null || !OcflDigest.IsContentAlgorithm(inv.DigestAlgorithm) || f == $"{Inventory}.{inv.DigestAlgorithm}")) continue;
                Issues.Error("E001", $"unexpected file '{f}' in the object root");
            }
            foreach (var d in rootDirs)
            {
                if (d == "logs" || OcflVersionName.TryParse(d, out _, out _)) continue;
                if (d == "extensions") { CheckExtensions(); continue; }
                Issues.Error("E001", $"unexpected directory '{d}' in the object root");
            }
        }

        private void CheckExtensions()
        {
            foreach (var rel in Files.Keys.Where(k => k.StartsWith("extensions/", StringComparison.Ordinal)).Select(k => k["extensions/".Length..]))
            {
                var slash = rel.IndexOf('/');
                if (slash < 0) Issues.Error("E067", $"file 'extensions/{rel}' is not inside an extension directory");
                else if (!IsRegisteredExtensionName(rel[..slash])) Issues.Warning("W013", $"extension directory '{rel[..slash]}' is not a registered extension name");
            }
        }

        /// <summary>Registered extensions are named NNNN-name (https://ocfl.io/extensions/).</summary>
        private static bool IsRegisteredExtensionName(string name) =>
            name.Length > 5 && name[..4].All(char.IsAsciiDigit) && name[4] == '-' && name[5..].All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

        /// <summary>https://ocfl.io/1.1/spec/#version-directories (E015, W002).</summary>
        private void CheckVersionDirEntries(string version, string contentDir)
        {
            var vinvSidecar = $"{Inventory}.";
            foreach (var rel in Files.Keys.Where(k => k.StartsWith(version + "/", StringComparison.Ordinal)).Select(k => k[(version.Length + 1)..]))
            {
                var slash = rel.IndexOf('/');
                if (slash < 0)
                {
                    if (rel != Inventory && !rel.StartsWith(vinvSidecar, StringComparison.Ordinal))
                        Issues.Error("E015", $"unexpected file '{version}/{rel}' in a version directory");
                }
                else if (rel[..slash] != contentDir)
                    Issues.Warning("W002", $"version directory {version} has a directory other than the content directory: '{rel[..slash]}'");
            }
        }

        /// <summary>
        /// A version inventory against the root (https://ocfl.io/1.1/spec/#version-inventory): same id
        /// (E037), its own head (E040), same content directory (E019), the same states for the versions
        /// it shares (E066, W011), and a manifest covering the content so far (E023).
        /// </summary>
        private void CheckVersionInventory(string name, int number, OcflInventory vinv, OcflInventory inv, string where)
        {
            if (vinv.Head.Length > 0 && vinv.Head != name) Issues.Error("E040", $"{where}: head is '{vinv.Head}', not {name}");
            if (vinv.Id != inv.Id) Issues.Error("E037", $"{where}: id '{vinv.Id}' differs from the root inventory's '{inv.Id}'");
            if (vinv.EffectiveContentDirectory != inv.EffectiveContentDirectory)
                Issues.Error("E019", $"{where}: contentDirectory '{vinv.EffectiveContentDirectory}' differs from the root inventory's '{inv.EffectiveContentDirectory}'");

            var expected = inv.Versions.Where(v => v.Number <= number).Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
            var actual = vinv.Versions.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
            if (!expected.SetEquals(actual))
                Issues.Error("E066", $"{where} has versions {string.Join(",", actual.Order())} but should have {string.Join(",", expected.Order())}");

            var sameAlgorithm = vinv.DigestAlgorithm == inv.DigestAlgorithm;
            foreach (var vv in vinv.Versions)
            {
                if (inv.Versions.FirstOrDefault(r => r.Name == vv.Name) is not { } rv) continue;
                var vFiles = vv.Files();
                var rFiles = rv.Files();
                var same = vFiles.Count == rFiles.Count && vFiles.All(kv => rFiles.TryGetValue(kv.Key, out var rd)
                    && (sameAlgorithm
                        ? rd.Equals(kv.Value, StringComparison.OrdinalIgnoreCase)
                        // Different algorithms: the same logical file must point at the same stored file.
                        : Paths(vinv, kv.Value).Overlaps(Paths(inv, rd))));
                if (!same) Issues.Error("E066", $"{where}: the state of {vv.Name} differs from the root inventory's");
                if (vv.Created != rv.Created || vv.Message != rv.Message || vv.UserName != rv.UserName || vv.UserAddress != rv.UserAddress)
                    Issues.Warning("W011", $"{where}: created, message or user of {vv.Name} differ from the root inventory's");
            }

            var vDigestOf = vinv.DigestByContentPath();
            foreach (var file in ContentFiles(inv, maxVersion: number))
                if (!vDigestOf.ContainsKey(file)) Issues.Error("E023", $"{where}: content file '{file}' is not in its manifest");
            var rDigestOf = inv.DigestByContentPath();
            foreach (var (path, digest) in vDigestOf)
            {
                if (!Files.ContainsKey(path)) Issues.Error("E092", $"{where}: content path '{path}' names no file");
                else if (!sameAlgorithm && OcflDigest.IsContentAlgorithm(vinv.DigestAlgorithm)) Expect(path, vinv.DigestAlgorithm, digest, "E092", where);
                else if (rDigestOf.TryGetValue(path, out var rd) && !rd.Equals(digest, StringComparison.OrdinalIgnoreCase))
                    Issues.Error("E092", $"{where}: manifest digest of '{path}' differs from the root inventory's");
            }
        }

        /// <summary>
        /// Every content file is in the manifest (E023); every manifest path exists (E092) and has
        /// the digest the root manifest gives (E092), those of version inventories that use another
        /// algorithm (E092), and those of the fixity block we can compute (E093). Each file is read once.
        /// </summary>
        private async Task CheckContentAsync(OcflInventory inv, CancellationToken ct)
        {
            var digestOf = inv.DigestByContentPath();
            foreach (var file in ContentFiles(inv, maxVersion: int.MaxValue))
                if (!digestOf.ContainsKey(file)) Issues.Error("E023", $"content file '{file}' is not in the root manifest");

            if (OcflDigest.IsContentAlgorithm(inv.DigestAlgorithm))
                foreach (var (path, digest) in digestOf) Expect(path, inv.DigestAlgorithm, digest, "E092", "the root manifest");
            foreach (var (alg, block) in inv.Fixity)
            {
                if (OcflDigest.HashFor(alg) is null) continue; // unsupported fixity algorithms are ignored (E028)
                foreach (var (digest, paths) in block)
                    foreach (var p in paths) Expect(p, alg, digest, "E093", "the fixity block");
            }

            foreach (var path in digestOf.Keys.Concat(_expected.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                if (!Files.ContainsKey(path)) { Issues.Error("E092", $"content path '{path}' names no file"); continue; }
                if (!_expected.TryGetValue(path, out var expectations)) continue;
                var computed = await ComputeAsync(path, expectations.Select(e => e.Algorithm).Distinct().ToList(), ct);
                if (computed is null) { Issues.Error("E092", $"content file '{path}' cannot be read"); continue; }
                foreach (var (alg, expected, code, source) in expectations)
                    if (!computed[alg].Equals(expected, StringComparison.OrdinalIgnoreCase))
                        Issues.Error(code, $"content file '{path}' has {alg} {OcflInventoryParser.Short(computed[alg])}, not {OcflInventoryParser.Short(expected)} as {source} says");
            }
        }

        /// <summary>Digests a content file must have, gathered from all inventories, checked in one read per file.</summary>
        private readonly Dictionary<string, List<(string Algorithm, string Digest, string Code, string Source)>> _expected = new(StringComparer.Ordinal);

        private void Expect(string path, string algorithm, string digest, string code, string source)
        {
            if (!_expected.TryGetValue(path, out var list)) _expected[path] = list = [];
            list.Add((algorithm, digest, code, source));
        }

        /// <summary>https://ocfl.io/1.1/spec/#inventory-digest (E058, E060, E061).</summary>
        private async Task CheckSidecarAsync(string dir, byte[] inventoryBytes, string? algorithm, CancellationToken ct)
        {
            if (algorithm is null || !OcflDigest.IsContentAlgorithm(algorithm))
            {
                if (!Files.Keys.Any(k => k.StartsWith($"{dir}{Inventory}.", StringComparison.Ordinal) && !k[dir.Length..].Contains('/')))
                    Issues.Error("E058", $"{dir}{Inventory} has no sidecar");
                return;
            }
            var sidecar = $"{dir}{Inventory}.{algorithm}";
            if (!Files.ContainsKey(sidecar)) { Issues.Error("E058", $"{dir}{Inventory} has no sidecar {sidecar}"); return; }
            var bytes = await ReadAsync(sidecar, ct);
            var digest = OcflRepository.SidecarDigest(bytes is null ? null : Encoding.UTF8.GetString(bytes));
            if (digest is null) { Issues.Error("E061", $"{sidecar} is not of the form 'DIGEST inventory.json'"); return; }
            if (!digest.Equals(OcflDigest.Compute(algorithm, inventoryBytes), StringComparison.OrdinalIgnoreCase))
                Issues.Error("E060", $"{sidecar} does not hold the digest of {dir}{Inventory}");
        }

        /// <summary>Files under the content directory of the inventory's versions up to <paramref name="maxVersion"/>.</summary>
        private IEnumerable<string> ContentFiles(OcflInventory inv, int maxVersion)
        {
            foreach (var v in inv.Versions.Where(v => v.Number <= maxVersion))
            {
                var dir = $"{v.Name}/{inv.EffectiveContentDirectory}/";
                foreach (var f in Files.Keys.Where(k => k.StartsWith(dir, StringComparison.Ordinal))) yield return f;
            }
        }

        private static HashSet<string> Paths(OcflInventory inv, string digest) =>
            inv.Manifest.TryGetValue(digest, out var p) ? p.ToHashSet(StringComparer.Ordinal) : [];

        private static (int, int)? SpecVersion(string type) => type switch
        {
            OcflInventory.Type10 => (1, 0),
            OcflInventory.Type11 => (1, 1),
            _ => null,
        };

        private async Task<byte[]?> ReadAsync(string rel, CancellationToken ct)
        {
            if (!BlobKey.TryParse(Prefix + rel, out var key, out _)) return null;
            try { return await store.ReadBytesAsync(key, ct); }
            catch (BlobNotFoundException) { return null; }
        }

        private async Task<IReadOnlyDictionary<string, string>?> ComputeAsync(string rel, IReadOnlyCollection<string> algorithms, CancellationToken ct)
        {
            if (!BlobKey.TryParse(Prefix + rel, out var key, out _)) return null;
            try
            {
                await using var s = await store.OpenReadAsync(key, ct);
                return await OcflDigest.ComputeAsync(s, algorithms, ct);
            }
            catch (BlobNotFoundException) { return null; }
        }
    }
}
