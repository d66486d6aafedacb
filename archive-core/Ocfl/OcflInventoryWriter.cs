using System.Text.Encodings.Web;
using System.Text.Json;

namespace QyHeritage.Archive.Ocfl;

/// <summary>
/// Writes an inventory (https://ocfl.io/1.1/spec/#inventory) as indented JSON with keys and paths
/// in ordinal order, so the same inventory always has the same bytes (and the same sidecar digest).
/// Chinese paths and messages stay readable rather than \u-escaped: the inventory is meant to be
/// read by people in a hundred years, not embedded in HTML.
/// </summary>
internal static class OcflInventoryWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize(OcflInventory inv)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, Options))
        {
            w.WriteStartObject();
            w.WriteString("id", inv.Id);
            w.WriteString("type", inv.Type);
            w.WriteString("digestAlgorithm", inv.DigestAlgorithm);
            w.WriteString("head", inv.Head);
            if (inv.ContentDirectory is not null) w.WriteString("contentDirectory", inv.ContentDirectory);
            w.WritePropertyName("manifest");
            WriteDigestMap(w, inv.Manifest);
            w.WriteStartObject("versions");
            foreach (var v in inv.Versions.OrderBy(v => v.Number))
            {
                w.WriteStartObject(v.Name);
                w.WriteString("created", v.Created);
                if (v.Message is not null) w.WriteString("message", v.Message);
                if (v.UserName is not null)
                {
                    w.WriteStartObject("user");
                    w.WriteString("name", v.UserName);
                    if (v.UserAddress is not null) w.WriteString("address", v.UserAddress);
                    w.WriteEndObject();
                }
                w.WritePropertyName("state");
                WriteDigestMap(w, v.State);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            if (inv.Fixity.Count > 0)
            {
                w.WriteStartObject("fixity");
                foreach (var (alg, block) in inv.Fixity.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    w.WritePropertyName(alg);
                    WriteDigestMap(w, block);
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        ms.WriteByte((byte)'\n');
        return ms.ToArray();
    }

    /// <summary>The sidecar's text (https://ocfl.io/1.1/spec/#inventory-digest): digest, a space, the file name.</summary>
    public static string Sidecar(string algorithm, byte[] inventoryBytes) =>
        $"{OcflDigest.Compute(algorithm, inventoryBytes)} inventory.json\n";

    private static void WriteDigestMap(Utf8JsonWriter w, IReadOnlyDictionary<string, IReadOnlyList<string>> map)
    {
        w.WriteStartObject();
        foreach (var (digest, paths) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteStartArray(digest);
            foreach (var p in paths.Order(StringComparer.Ordinal)) w.WriteStringValue(p);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
