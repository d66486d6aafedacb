using System.Text.Json;

namespace QyHeritage.Iiif.Tests.Presentation;

/// <summary>
/// The MUST rules of Presentation 3.0 (https://iiif.io/api/presentation/3.0/) that apply to what
/// we publish, checked over a whole document. Returns every violation with its JSON path, so a
/// failure says exactly which rule broke where.
/// </summary>
public static class PresentationRules
{
    public const string Context = "http://iiif.io/api/presentation/3/context.json";

    private static readonly HashSet<string> Resources = ["Collection", "Manifest", "Canvas", "Range", "AnnotationPage", "AnnotationCollection", "Annotation", "Agent"];
    private static readonly HashSet<string> Directions = ["left-to-right", "right-to-left", "top-to-bottom", "bottom-to-top"];
    private static readonly HashSet<string> Behaviors = ["auto-advance", "no-auto-advance", "repeat", "no-repeat", "unordered", "individuals", "continuous", "paged", "facing-pages", "non-paged", "multi-part", "together", "sequence", "thumbnail-nav", "no-nav", "hidden"];
    private static readonly HashSet<string> Motivations = ["painting", "supplementing", "commenting", "tagging", "linking", "describing", "identifying", "classifying", "highlighting", "bookmarking", "editing", "moderating", "questioning", "replying", "assessing"];

    public static List<string> Check(JsonElement document)
    {
        var problems = new List<string>();
        // https://iiif.io/api/presentation/3.0/#46-linked-data-context-and-extensions
        if (!document.TryGetProperty("@context", out var ctx)) problems.Add("$: no @context");
        else
        {
            var last = ctx.ValueKind == JsonValueKind.Array ? ctx.EnumerateArray().Last().GetString() : ctx.GetString();
            if (last != Context) problems.Add($"$.@context: the last context must be {Context}");
        }
        Walk(document, "$", null, problems);
        return problems;
    }

    private static void Walk(JsonElement e, string path, string? parentCanvas, List<string> problems)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var x in e.EnumerateArray()) Walk(x, $"{path}[{i++}]", parentCanvas, problems);
            return;
        }
        if (e.ValueKind != JsonValueKind.Object) return;
        var type = e.TryGetProperty("type", out var t) ? t.GetString() : null;

        if (type is not null && Resources.Contains(type))
        {
            if (!e.TryGetProperty("id", out var id) || !IsHttpUri(id.GetString())) problems.Add($"{path}: a {type} must have an HTTP(S) id");
            if (type is "Collection" or "Manifest" && path == "$")
            {
                if (!e.TryGetProperty("label", out _)) problems.Add($"{path}: a {type} must have a label");
                if (!e.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array) problems.Add($"{path}: a {type} must have items");
                else if (type == "Manifest" && (items.GetArrayLength() == 0 || items.EnumerateArray().Any(c => c.GetProperty("type").GetString() != "Canvas")))
                    problems.Add($"{path}.items: a Manifest's items must be one or more Canvases");
            }
            if (type is "Collection" && path != "$" && !e.TryGetProperty("label", out _)) problems.Add($"{path}: a referenced Collection must have a label");
            if (type is "Manifest" && path != "$" && path.Contains(".items") && !e.TryGetProperty("label", out _)) problems.Add($"{path}: a referenced Manifest must have a label");
            if (type == "Agent" && !e.TryGetProperty("label", out _)) problems.Add($"{path}: an Agent must have a label");
        }
        switch (type)
        {
            case "Canvas":
                // https://iiif.io/api/presentation/3.0/#53-canvas
                if (e.TryGetProperty("id", out var cid) && cid.GetString()!.Contains('#')) problems.Add($"{path}: a Canvas id must not have a fragment");
                var hasW = e.TryGetProperty("width", out var w);
                var hasH = e.TryGetProperty("height", out var h);
                if (hasW != hasH) problems.Add($"{path}: a Canvas with width must have height and the reverse");
                if (hasW && (w.GetInt32() <= 0 || h.GetInt32() <= 0)) problems.Add($"{path}: Canvas dimensions must be positive integers");
                // Canvases in a Range are references to the Manifest's own (https://iiif.io/api/presentation/3.0/#54-range).
                if (path.Contains(".items[") && !path.Contains(".structures[") && (!hasW || !hasH)) problems.Add($"{path}: an image Canvas must have width and height");
                if (e.TryGetProperty("items", out var pages))
                    foreach (var p in pages.EnumerateArray())
                        if (p.GetProperty("type").GetString() != "AnnotationPage") problems.Add($"{path}.items: a Canvas's items must be AnnotationPages");
                parentCanvas = e.GetProperty("id").GetString();
                break;
            case "AnnotationPage":
                if (e.TryGetProperty("items", out var annos))
                    foreach (var a in annos.EnumerateArray())
                        if (a.GetProperty("type").GetString() != "Annotation") problems.Add($"{path}.items: an AnnotationPage's items must be Annotations");
                break;
            case "Annotation":
                // https://www.w3.org/TR/annotation-model/ as profiled by https://iiif.io/api/presentation/3.0/#56-annotation
                if (!e.TryGetProperty("target", out var target)) problems.Add($"{path}: an Annotation must have a target");
                else if (parentCanvas is not null && target.ValueKind == JsonValueKind.String && target.GetString()!.Split('#')[0] != parentCanvas)
                    problems.Add($"{path}.target: must be its Canvas");
                if (!e.TryGetProperty("motivation", out var m) || !Motivations.Contains(m.GetString()!)) problems.Add($"{path}: an Annotation must have a known motivation");
                if (!e.TryGetProperty("body", out _)) problems.Add($"{path}: our Annotations must have a body");
                break;
            case "TextualBody":
                if (!e.TryGetProperty("value", out _)) problems.Add($"{path}: a TextualBody must have a value");
                break;
        }

        foreach (var prop in e.EnumerateObject())
        {
            var p = $"{path}.{prop.Name}";
            var v = prop.Value;
            switch (prop.Name)
            {
                case "label" or "summary":
                    LanguageMap(v, p, problems);
                    break;
                case "metadata":
                    if (v.ValueKind != JsonValueKind.Array) { problems.Add($"{p}: must be an array"); break; }
                    foreach (var (entry, i) in v.EnumerateArray().Select((x, i) => (x, i)))
                    {
                        if (!entry.TryGetProperty("label", out var l) || !entry.TryGetProperty("value", out var val)) { problems.Add($"{p}[{i}]: needs label and value"); continue; }
                        LanguageMap(l, $"{p}[{i}].label", problems);
                        LanguageMap(val, $"{p}[{i}].value", problems);
                    }
                    continue; // already checked
                case "requiredStatement":
                    if (!v.TryGetProperty("label", out var rl) || !v.TryGetProperty("value", out var rv)) problems.Add($"{p}: needs label and value");
                    else { LanguageMap(rl, p + ".label", problems); LanguageMap(rv, p + ".value", problems); }
                    continue;
                case "rights":
                    // https://iiif.io/api/presentation/3.0/#rights
                    var r = v.GetString() ?? "";
                    if (!(r.StartsWith("http://creativecommons.org/licenses/") || r.StartsWith("http://creativecommons.org/publicdomain/") || r.StartsWith("http://rightsstatements.org/vocab/")))
                        problems.Add($"{p}: must be a Creative Commons or RightsStatements.org URI, not '{r}'");
                    break;
                case "viewingDirection":
                    if (!Directions.Contains(v.GetString()!)) problems.Add($"{p}: '{v}' is not a viewing direction");
                    break;
                case "behavior":
                    if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(b => !Behaviors.Contains(b.GetString()!))) problems.Add($"{p}: must be an array of known behaviors");
                    break;
                case "thumbnail" or "homepage" or "seeAlso" or "partOf" or "provider" or "logo" or "rendering" or "service" or "services":
                    if (v.ValueKind != JsonValueKind.Array) { problems.Add($"{p}: must be an array"); break; }
                    foreach (var (x, i) in v.EnumerateArray().Select((x, i) => (x, i)))
                    {
                        var hasId = x.TryGetProperty("id", out var xid) || x.TryGetProperty("@id", out xid);
                        var hasType = x.TryGetProperty("type", out var xt) || x.TryGetProperty("@type", out xt);
                        if (!hasId || !IsHttpUri(xid.GetString())) problems.Add($"{p}[{i}]: needs an HTTP(S) id");
                        if (!hasType) problems.Add($"{p}[{i}]: needs a type");
                        if (prop.Name is "homepage" && !x.TryGetProperty("label", out _)) problems.Add($"{p}[{i}]: a homepage needs a label");
                        if (prop.Name is "service" && hasType && xt.GetString() == "ImageService3" && !x.TryGetProperty("profile", out _)) problems.Add($"{p}[{i}]: an ImageService3 needs a profile");
                    }
                    break;
                case "width" or "height" or "duration":
                    if (v.ValueKind != JsonValueKind.Number) problems.Add($"{p}: must be a number");
                    break;
            }
            Walk(v, p, parentCanvas, problems);
        }
    }

    /// <summary>https://iiif.io/api/presentation/3.0/#44-language-of-property-values</summary>
    private static void LanguageMap(JsonElement v, string path, List<string> problems)
    {
        if (v.ValueKind != JsonValueKind.Object || !v.EnumerateObject().Any()) { problems.Add($"{path}: must be a non-empty language map"); return; }
        foreach (var lang in v.EnumerateObject())
        {
            if (lang.Name != "none" && !System.Text.RegularExpressions.Regex.IsMatch(lang.Name, "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")) problems.Add($"{path}: '{lang.Name}' is not a BCP 47 tag or 'none'");
            if (lang.Value.ValueKind != JsonValueKind.Array || lang.Value.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String))
                problems.Add($"{path}.{lang.Name}: must be an array of strings");
        }
    }

    private static bool IsHttpUri(string? s) =>
        Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);

    /// <summary>Every id in the document (ids of resources and of references), for dereferencing.</summary>
    public static IEnumerable<string> Ids(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in e.EnumerateArray())
                foreach (var id in Ids(x)) yield return id;
        }
        else if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (p.Name is "id" or "@id" && p.Value.ValueKind == JsonValueKind.String) yield return p.Value.GetString()!;
                else foreach (var id in Ids(p.Value)) yield return id;
            }
        }
    }
}
