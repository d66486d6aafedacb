using System.Text.Json;
using System.Text.RegularExpressions;

namespace QyHeritage.Archive.Ocfl;

/// <summary>
/// Reads an inventory (https://ocfl.io/1.1/spec/#inventory) and checks every rule that needs only
/// the file itself: required keys and their JSON types, digest shapes, path rules, version
/// sequence, manifest/state/fixity consistency. Findings go to <see cref="OcflIssues"/> as values;
/// the model is returned whenever the file is a JSON object, so the validator can go on to
/// compare it with storage. The repository uses the same parser and refuses any inventory with errors.
/// </summary>
internal static partial class OcflInventoryParser
{
    private static readonly HashSet<string> TopKeys = ["id", "type", "digestAlgorithm", "head", "contentDirectory", "fixity", "manifest", "versions"];
    private static readonly HashSet<string> VersionKeys = ["created", "state", "message", "user"];
    private static readonly HashSet<string> UserKeys = ["name", "address"];

    /// <summary>An absolute URI by RFC 3986's scheme rule; enough to tell <c>urn:x</c> from <c>not_a_uri</c>.</summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex UriPattern();

    public static bool LooksLikeUri(string s) => UriPattern().IsMatch(s);

    /// <param name="json">The file's bytes.</param>
    /// <param name="where">How findings name the file, e.g. "inventory.json" or "v2/inventory.json".</param>
    /// <param name="isRoot">The root inventory must be of this spec version (E038); version inventories may be older.</param>
    public static OcflInventory? Parse(byte[] json, OcflIssues issues, string where, bool isRoot)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            issues.Error("E033", $"{where} is not valid JSON: {e.Message}");
            return null;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                issues.Error("E033", $"{where} is not a JSON object");
                return null;
            }
            return ParseObject(root, issues, where, isRoot);
        }
    }

    private static OcflInventory ParseObject(JsonElement root, OcflIssues issues, string where, bool isRoot)
    {
        foreach (var p in root.EnumerateObject())
            if (!TopKeys.Contains(p.Name)) issues.Error("E102", $"{where} has a key the spec does not define: '{p.Name}'");

        var id = RequiredString(root, "id", "E036", issues, where);
        if (id is { Length: > 0 } && !LooksLikeUri(id)) issues.Warning("W005", $"{where}: the id '{id}' is not a URI");

        var type = RequiredString(root, "type", "E036", issues, where);
        if (type is not null)
        {
            if (isRoot ? type != OcflInventory.Type11 : type is not (OcflInventory.Type11 or OcflInventory.Type10))
                issues.Error("E038", $"{where}: type '{type}' is not {(isRoot ? "the OCFL 1.1 inventory type" : "an OCFL inventory type")}");
        }

        var algorithm = RequiredString(root, "digestAlgorithm", "E036", issues, where);
        if (algorithm is not null)
        {
            if (!OcflDigest.IsContentAlgorithm(algorithm)) issues.Error("E025", $"{where}: digestAlgorithm '{algorithm}' is neither sha512 nor sha256");
            else if (algorithm == OcflDigest.Sha256) issues.Warning("W004", $"{where}: digestAlgorithm is sha256; sha512 is recommended");
        }
        var knownAlgorithm = OcflDigest.IsContentAlgorithm(algorithm) ? algorithm : null;

        string? head = null;
        if (!root.TryGetProperty("head", out var headEl) || headEl.ValueKind == JsonValueKind.Null) issues.Error("E036", $"{where} has no head");
        else if (headEl.ValueKind != JsonValueKind.String || !OcflVersionName.TryParse(headEl.GetString(), out _, out _))
            issues.Error("E040", $"{where}: head is not a version directory name ({headEl.GetRawText()})");
        else head = headEl.GetString();

        string? contentDirectory = null;
        if (root.TryGetProperty("contentDirectory", out var cdEl))
        {
            if (cdEl.ValueKind != JsonValueKind.String) issues.Error("E017", $"{where}: contentDirectory is not a string");
            else
            {
                contentDirectory = cdEl.GetString()!;
                if (contentDirectory.Length == 0 || contentDirectory.Contains('/')) issues.Error("E017", $"{where}: contentDirectory '{contentDirectory}' is empty or contains '/'");
                else if (contentDirectory is "." or "..") issues.Error("E018", $"{where}: contentDirectory must not be '{contentDirectory}'");
            }
        }
        var effectiveContentDir = contentDirectory ?? OcflInventory.DefaultContentDirectory;

        var versions = ParseVersions(root, knownAlgorithm, issues, where);
        var versionNames = versions.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        if (head is not null && versions.Count > 0 && versions[^1].Name != head)
            issues.Error("E040", $"{where}: head is {head} but the newest version is {versions[^1].Name}");

        var manifest = ParseManifest(root, knownAlgorithm, versionNames, effectiveContentDir, issues, where);

        // Every state digest must be a manifest key, exactly (E050); every manifest key must be used (E107).
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in versions)
        {
            foreach (var digest in v.State.Keys)
            {
                used.Add(digest);
                if (!manifest.ContainsKey(digest)) issues.Error("E050", $"{where}: {v.Name} state digest {Short(digest)} is not in the manifest");
            }
        }
        foreach (var digest in manifest.Keys)
            if (!used.Contains(digest)) issues.Error("E107", $"{where}: manifest digest {Short(digest)} is in no version's state");

        var fixity = ParseFixity(root, manifest, issues, where);

        return new OcflInventory
        {
            Id = id ?? "",
            Type = type ?? "",
            DigestAlgorithm = algorithm ?? "",
            Head = head ?? "",
            ContentDirectory = contentDirectory,
            Manifest = manifest,
            Versions = versions,
            Fixity = fixity,
        };
    }

    private static List<OcflInventoryVersion> ParseVersions(JsonElement root, string? algorithm, OcflIssues issues, string where)
    {
        var result = new List<OcflInventoryVersion>();
        if (!root.TryGetProperty("versions", out var versionsEl))
        {
            issues.Error("E043", $"{where} has no versions block");
            issues.Error("E008", $"{where}: the object has no versions");
            return result;
        }
        if (versionsEl.ValueKind != JsonValueKind.Object)
        {
            issues.Error("E044", $"{where}: versions is not a JSON object");
            return result;
        }

        var names = new List<(string Name, int Number, int Pad, JsonElement Value)>();
        foreach (var p in versionsEl.EnumerateObject())
        {
            if (!OcflVersionName.TryParse(p.Name, out var n, out var pad)) issues.Error("E104", $"{where}: '{p.Name}' is not a version directory name (v1, v2, ...)");
            else names.Add((p.Name, n, pad, p.Value));
        }
        if (names.Count == 0)
        {
            issues.Error("E008", $"{where}: the object has no versions");
            return result;
        }
        names.Sort((a, b) => a.Number.CompareTo(b.Number));
        CheckSequence(names.Select(x => (x.Name, x.Number, x.Pad)).ToList(), issues, where);

        foreach (var (name, number, _, value) in names)
        {
            if (result.Count > 0 && result[^1].Number == number)
            {
                issues.Error("E010", $"{where}: version {number} appears twice");
                continue;
            }
            result.Add(ParseVersion(name, number, value, algorithm, issues, $"{where} {name}"));
        }
        return result;
    }

    /// <summary>Versions 1..n with no gaps (E009, E010), one naming scheme (E011, E012); padding is W001.</summary>
    internal static void CheckSequence(IReadOnlyList<(string Name, int Number, int Pad)> sorted, OcflIssues issues, string where)
    {
        if (sorted[0].Number != 1) issues.Error("E009", $"{where}: versions start at {sorted[0].Name}, not at 1");
        for (var i = 1; i < sorted.Count; i++)
            if (sorted[i].Number != sorted[i - 1].Number + 1 && sorted[i].Number != sorted[i - 1].Number)
                issues.Error("E010", $"{where}: versions jump from {sorted[i - 1].Name} to {sorted[i].Name}");

        var padded = sorted.Where(v => v.Pad > 0).ToList();
        if (padded.Count == 0) return;
        issues.Warning("W001", $"{where}: version directories are zero-padded ({padded[0].Name})");
        var width = padded[0].Name.Length;
        foreach (var v in sorted)
        {
            if (v.Name.Length != width) issues.Error("E012", $"{where}: {v.Name} does not follow the zero-padded naming of {padded[0].Name}");
            else if (v.Pad == 0) issues.Error("E011", $"{where}: {v.Name} does not start with 'v0' like the other zero-padded versions");
        }
    }

    private static OcflInventoryVersion ParseVersion(string name, int number, JsonElement el, string? algorithm, OcflIssues issues, string where)
    {
        var state = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (el.ValueKind != JsonValueKind.Object)
        {
            issues.Error("E047", $"{where} is not a JSON object");
            return new OcflInventoryVersion { Name = name, Number = number, Created = "", State = state };
        }
        foreach (var p in el.EnumerateObject())
            if (!VersionKeys.Contains(p.Name)) issues.Error("E102", $"{where} has a key the spec does not define: '{p.Name}'");

        var created = "";
        if (!el.TryGetProperty("created", out var createdEl)) issues.Error("E048", $"{where} has no created");
        else if (createdEl.ValueKind != JsonValueKind.String || !OcflTimestamp.TryParse(createdEl.GetString(), out _))
            issues.Error("E049", $"{where}: created {createdEl.GetRawText()} is not an RFC 3339 date-time with seconds and time zone");
        else created = createdEl.GetString()!;

        if (!el.TryGetProperty("state", out var stateEl)) issues.Error("E048", $"{where} has no state");
        else if (stateEl.ValueKind != JsonValueKind.Object) issues.Error("E050", $"{where}: state is not a JSON object");
        else
        {
            var logical = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in stateEl.EnumerateObject())
            {
                if (algorithm is not null && !IsDigest(p.Name, algorithm))
                    issues.Error("E050", $"{where}: state key {Short(p.Name)} is not a {algorithm} digest");
                var paths = StringArray(p.Value);
                if (paths is null)
                {
                    issues.Error("E051", $"{where}: state value for {Short(p.Name)} is not an array of logical paths");
                    continue;
                }
                foreach (var path in paths)
                {
                    if (OcflPaths.LogicalPathError(path) is { } e) issues.Error(e.Code, $"{where}: '{path}': {e.Reason}");
                    if (!logical.Add(path)) issues.Error("E095", $"{where}: logical path '{path}' appears more than once");
                }
                if (state.ContainsKey(p.Name)) issues.Error("E050", $"{where}: state digest {Short(p.Name)} appears twice");
                state[p.Name] = paths;
            }
            foreach (var (file, other) in OcflPaths.Conflicts(logical))
                issues.Error("E095", $"{where}: logical path '{file}' is also a folder of '{other}'");
        }

        string? message = null;
        var hasMessage = el.TryGetProperty("message", out var messageEl);
        if (hasMessage)
        {
            if (messageEl.ValueKind != JsonValueKind.String) issues.Error("E094", $"{where}: message is not a string");
            else message = messageEl.GetString();
        }

        string? userName = null, userAddress = null;
        var hasUser = el.TryGetProperty("user", out var userEl);
        if (hasUser)
        {
            if (userEl.ValueKind != JsonValueKind.Object) issues.Error("E054", $"{where}: user is not a JSON object");
            else
            {
                foreach (var p in userEl.EnumerateObject())
                    if (!UserKeys.Contains(p.Name)) issues.Error("E102", $"{where} user has a key the spec does not define: '{p.Name}'");
                if (!userEl.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String || n.GetString()!.Length == 0)
                    issues.Error("E054", $"{where}: user has no name");
                else userName = n.GetString();
                if (!userEl.TryGetProperty("address", out var a)) issues.Warning("W008", $"{where}: user has no address");
                else if (a.ValueKind != JsonValueKind.String) issues.Error("E054", $"{where}: user address is not a string");
                else
                {
                    userAddress = a.GetString();
                    if (!LooksLikeUri(userAddress!)) issues.Warning("W009", $"{where}: user address '{userAddress}' is not a URI");
                }
            }
        }
        if (!hasMessage || !hasUser) issues.Warning("W007", $"{where} has no {(hasMessage ? "user" : hasUser ? "message" : "message or user")}");

        return new OcflInventoryVersion { Name = name, Number = number, Created = created, Message = message, UserName = userName, UserAddress = userAddress, State = state };
    }

    private static Dictionary<string, IReadOnlyList<string>> ParseManifest(
        JsonElement root, string? algorithm, HashSet<string> versionNames, string contentDir, OcflIssues issues, string where)
    {
        var manifest = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!root.TryGetProperty("manifest", out var el))
        {
            issues.Error("E041", $"{where} has no manifest");
            return manifest;
        }
        if (el.ValueKind != JsonValueKind.Object)
        {
            issues.Error("E106", $"{where}: manifest is not a JSON object");
            return manifest;
        }
        var digestsSeen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var contentPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in el.EnumerateObject())
        {
            if (!digestsSeen.Add(p.Name)) issues.Error("E096", $"{where}: manifest digest {Short(p.Name)} appears more than once (ignoring case)");
            if (algorithm is not null && !IsDigest(p.Name, algorithm)) issues.Error("E039", $"{where}: manifest key {Short(p.Name)} is not a {algorithm} digest");
            var paths = StringArray(p.Value);
            if (paths is null)
            {
                issues.Error("E092", $"{where}: manifest value for {Short(p.Name)} is not an array of content paths");
                continue;
            }
            foreach (var path in paths)
            {
                if (OcflPaths.ContentPathError(path) is { } e)
                {
                    issues.Error(e.Code, $"{where}: '{path}': {e.Reason}");
                    continue;
                }
                if (!contentPaths.Add(path)) issues.Error("E101", $"{where}: content path '{path}' appears more than once");
                var parts = path.Split('/');
                if (parts.Length < 3 || !versionNames.Contains(parts[0]) || parts[1] != contentDir)
                    issues.Error("E042", $"{where}: content path '{path}' is not inside a version's content directory '{contentDir}'");
            }
            manifest[p.Name] = paths;
        }
        foreach (var (file, other) in OcflPaths.Conflicts(contentPaths))
            issues.Error("E101", $"{where}: content path '{file}' is also a folder of '{other}'");
        return manifest;
    }

    private static Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> ParseFixity(
        JsonElement root, Dictionary<string, IReadOnlyList<string>> manifest, OcflIssues issues, string where)
    {
        var fixity = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        if (!root.TryGetProperty("fixity", out var el)) return fixity;
        if (el.ValueKind != JsonValueKind.Object)
        {
            issues.Error("E111", $"{where}: fixity is not a JSON object");
            return fixity;
        }
        var manifestPaths = manifest.Values.SelectMany(v => v).ToHashSet(StringComparer.Ordinal);
        foreach (var alg in el.EnumerateObject())
        {
            if (!OcflDigest.IsKnownFixityAlgorithm(alg.Name)) issues.Error("E056", $"{where}: fixity algorithm '{alg.Name}' is not in the spec's or the extensions' vocabulary");
            if (alg.Value.ValueKind != JsonValueKind.Object)
            {
                issues.Error("E057", $"{where}: fixity block for {alg.Name} is not a JSON object");
                continue;
            }
            var block = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            var digestsSeen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in alg.Value.EnumerateObject())
            {
                if (!digestsSeen.Add(p.Name)) issues.Error("E097", $"{where}: fixity {alg.Name} digest {Short(p.Name)} appears more than once (ignoring case)");
                var paths = StringArray(p.Value);
                if (paths is null)
                {
                    issues.Error("E057", $"{where}: fixity {alg.Name} value for {Short(p.Name)} is not an array of content paths");
                    continue;
                }
                foreach (var path in paths)
                {
                    if (OcflPaths.ContentPathError(path) is { } e) issues.Error(e.Code, $"{where}: fixity '{path}': {e.Reason}");
                    else if (!manifestPaths.Contains(path)) issues.Error("E057", $"{where}: fixity {alg.Name} names '{path}', which is not in the manifest");
                }
                block[p.Name] = paths;
            }
            fixity[alg.Name] = block;
        }
        return fixity;
    }

    private static string? RequiredString(JsonElement obj, string key, string missingCode, OcflIssues issues, string where)
    {
        if (!obj.TryGetProperty(key, out var el) || el.ValueKind == JsonValueKind.Null)
        {
            issues.Error(missingCode, $"{where} has no {key}");
            return null;
        }
        if (el.ValueKind != JsonValueKind.String)
        {
            issues.Error(missingCode, $"{where}: {key} is not a string");
            return null;
        }
        return el.GetString();
    }

    private static List<string>? StringArray(JsonElement el)
    {
        if (el.ValueKind != JsonValueKind.Array) return null;
        var list = new List<string>();
        foreach (var item in el.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) return null;
            list.Add(item.GetString()!);
        }
        return list;
    }

    private static bool IsDigest(string s, string algorithm) => s.Length == OcflDigest.HexLength(algorithm) && OcflDigest.IsHex(s);

    /// <summary>A digest (or what stands in its place in a damaged inventory) as quoted in an issue.</summary>
    internal static string Short(string digest) => UserText.Shorten(digest, 16);
}
