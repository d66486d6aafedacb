using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace QyHeritage.Web.Features.Halls;

/// <summary>
/// The hall as a IIIF Presentation 4 Manifest with one Scene, following the draft of the IIIF 3D Technical
/// Specification Group (2026; not a final specification, and the document says so): the GLB painted as a
/// <c>Model</c>; each exhibit's Canvas from the exhibition's Manifest painted into the Scene at its place
/// (a <c>PointSelector</c> on the Scene for the Canvas's top-left corner, a <c>ScaleTransform</c> from Canvas
/// pixels to metres, a <c>RotateTransform</c> about y); each tour stop a <c>PerspectiveCamera</c> with its
/// <c>lookAt</c>; the template's lights as <c>DirectionalLight</c>/<c>PointLight</c>. Units are metres, y up.
/// </summary>
public static class HallManifest
{
    public const string Format = "p4-draft-2026";
    public const string Context = "http://iiif.io/api/presentation/4/context.json";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static JsonObject Build(JsonObject scene, HallRecord record, string baseUrl)
    {
        var id = (string)scene["exhibition"]!;
        var root = $"{baseUrl}/iiif/presentation/halls/{id}";
        var sceneId = $"{root}/scene/1";
        var paintings = new JsonArray
        {
            new JsonObject
            {
                ["id"] = $"{root}/annotation/model",
                ["type"] = "Annotation",
                ["motivation"] = "painting",
                ["body"] = new JsonObject
                {
                    ["id"] = $"{baseUrl}{HallEndpoints.GlbPath(id, record)}",
                    ["type"] = "Model",
                    ["format"] = HallEndpoints.GlbMediaType,
                },
                ["target"] = sceneId,
            },
        };
        foreach (var x in (scene["exhibits"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var exhibit = (string)x["exhibit"]!;
            var size = x["size"]!.AsArray();
            var region = ((string)x["region"]!).Split(',');
            double w = (double)size[0]!, h = (double)size[1]!;
            var pixelsWide = double.Parse(region[2], CultureInfo.InvariantCulture);
            var p = x["position"]!.AsArray();
            var yaw = (double)x["rotationY"]!;
            var rad = yaw * Math.PI / 180;
            // The picture's top-left corner: from its centre, half a width to the visitor's left and half a height up.
            double rightX = Math.Cos(rad), rightZ = -Math.Sin(rad);
            var corner = new[] { (double)p[0]! - rightX * w / 2, (double)p[1]! + h / 2, (double)p[2]! - rightZ * w / 2 };
            var scale = w / pixelsWide;
            paintings.Add(new JsonObject
            {
                ["id"] = $"{root}/annotation/exhibit/{exhibit}",
                ["type"] = "Annotation",
                ["motivation"] = "painting",
                ["label"] = Map(x["label"]),
                ["body"] = new JsonObject
                {
                    ["type"] = "SpecificResource",
                    ["source"] = new JsonObject
                    {
                        ["id"] = baseUrl + (string)x["canvas"]!,
                        ["type"] = "Canvas",
                        ["partOf"] = new JsonArray(new JsonObject { ["id"] = $"{baseUrl}/iiif/presentation/exhibitions/{Exhibition(x)}/manifest", ["type"] = "Manifest" }),
                    },
                    ["transform"] = new JsonArray(
                        new JsonObject { ["type"] = "ScaleTransform", ["x"] = R(scale), ["y"] = R(scale), ["z"] = 1 },
                        new JsonObject { ["type"] = "RotateTransform", ["x"] = 0, ["y"] = R(yaw), ["z"] = 0 }),
                },
                ["target"] = new JsonObject
                {
                    ["type"] = "SpecificResource",
                    ["source"] = new JsonObject { ["id"] = sceneId, ["type"] = "Scene" },
                    ["selector"] = new JsonArray(Point(corner)),
                },
                ["service"] = new JsonArray(new JsonObject { ["id"] = baseUrl + (string)x["service"]!, ["type"] = "ImageService3", ["profile"] = "level2" }),
            });
        }
        foreach (var s in (scene["tour"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var p = s["position"]!.AsArray();
            var d = s["direction"]!.AsArray();
            var look = new[] { (double)p[0]! + (double)d[0]! * 1.5, (double)p[1]! + (double)d[1]! * 1.5, (double)p[2]! + (double)d[2]! * 1.5 };
            paintings.Add(new JsonObject
            {
                ["id"] = $"{root}/annotation/stop/{s["n"]}",
                ["type"] = "Annotation",
                ["motivation"] = "painting",
                ["label"] = Map(s["title"]),
                ["body"] = new JsonObject
                {
                    ["id"] = $"{root}/camera/{s["n"]}",
                    ["type"] = "PerspectiveCamera",
                    ["label"] = Map(s["title"]),
                    ["fieldOfView"] = 57.3,
                    ["near"] = 0.05,
                    ["far"] = 500,
                    ["lookAt"] = Point(look),
                },
                ["target"] = new JsonObject
                {
                    ["type"] = "SpecificResource",
                    ["source"] = new JsonObject { ["id"] = sceneId, ["type"] = "Scene" },
                    ["selector"] = new JsonArray(Point([(double)p[0]!, (double)p[1]!, (double)p[2]!])),
                },
            });
        }
        foreach (var l in (scene["lights"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var kind = (string)l["kind"]! == "point" ? "PointLight" : "DirectionalLight";
            var body = new JsonObject
            {
                ["id"] = $"{root}/light/{l["id"]}",
                ["type"] = kind,
                ["color"] = (string)l["color"]!,
                ["intensity"] = new JsonObject { ["type"] = "Value", ["value"] = (double)l["intensity"]!, ["unit"] = kind == "PointLight" ? "candela" : "lux" },
            };
            JsonNode target = sceneId;
            if (l["direction"] is JsonArray dir) body["lookAt"] = Point([(double)dir[0]!, (double)dir[1]!, (double)dir[2]!]);
            if (l["position"] is JsonArray at)
                target = new JsonObject
                {
                    ["type"] = "SpecificResource",
                    ["source"] = new JsonObject { ["id"] = sceneId, ["type"] = "Scene" },
                    ["selector"] = new JsonArray(Point([(double)at[0]!, (double)at[1]!, (double)at[2]!])),
                };
            paintings.Add(new JsonObject
            {
                ["id"] = $"{root}/annotation/light/{l["id"]}",
                ["type"] = "Annotation",
                ["motivation"] = "painting",
                ["body"] = body,
                ["target"] = target,
            });
        }
        return new JsonObject
        {
            ["@context"] = Context,
            ["id"] = $"{root}/manifest",
            ["type"] = "Manifest",
            ["label"] = Map(scene["title"]),
            ["summary"] = new JsonObject
            {
                ["zh-Hans"] = new JsonArray("本文档依据 IIIF 展示 API 4.0 草案（IIIF 3D 技术规范组，2026 年）编写，并非最终规范。单位为米，y 轴向上。"),
                ["en"] = new JsonArray("Based on the IIIF Presentation API 4.0 draft (IIIF 3D Technical Specification Group, 2026), not a final specification. Units are metres, y up."),
            },
            ["metadata"] = new JsonArray(new JsonObject
            {
                ["label"] = new JsonObject { ["zh-Hans"] = new JsonArray("规范"), ["en"] = new JsonArray("Specification") },
                ["value"] = new JsonObject { ["none"] = new JsonArray($"IIIF Presentation 4.0 draft ({Format})") },
            }),
            ["homepage"] = new JsonArray(new JsonObject
            {
                ["id"] = $"{baseUrl}/exhibitions/{id}", ["type"] = "Text", ["format"] = "text/html",
                ["label"] = Map(scene["title"]),
            }),
            ["seeAlso"] = new JsonArray(new JsonObject
            {
                ["id"] = $"{baseUrl}/iiif/presentation/exhibitions/{id}/manifest", ["type"] = "Manifest",
            }),
            ["items"] = new JsonArray(new JsonObject
            {
                ["id"] = sceneId,
                ["type"] = "Scene",
                ["label"] = Map(scene["title"]),
                ["items"] = new JsonArray(new JsonObject
                {
                    ["id"] = $"{sceneId}/paintings",
                    ["type"] = "AnnotationPage",
                    ["items"] = paintings,
                }),
            }),
        };
    }

    private static string Exhibition(JsonObject x) => ((string)x["canvas"]!).Split('/')[4];

    private static JsonObject Point(double[] p) => new() { ["type"] = "PointSelector", ["x"] = R(p[0]), ["y"] = R(p[1]), ["z"] = R(p[2]) };

    private static JsonObject? Map(JsonNode? bilingual)
    {
        if (bilingual is not JsonObject b) return null;
        var map = new JsonObject();
        if ((string?)b["zh"] is { Length: > 0 } zh) map["zh-Hans"] = new JsonArray(zh);
        if ((string?)b["en"] is { Length: > 0 } en) map["en"] = new JsonArray(en);
        return map;
    }

    private static double R(double v) => Math.Round(v, 4);
}
