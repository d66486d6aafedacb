using System.Reflection;

namespace QyHeritage.Web.Tests.Architecture;

/// <summary>
/// The one-way module graph: OCR (the recognition assembly and the engines it brings, ONNX Runtime and
/// SkiaSharp) is for ingest only, so a IIIF node, the search library and the hall compiler never load it.
/// </summary>
public class ModuleGraphTests
{
    private static readonly string[] OcrAssemblies = ["QyHeritage.Recognition", "Microsoft.ML.OnnxRuntime", "SkiaSharp"];

    [Theory]
    [InlineData("QyHeritage.Archive")]
    [InlineData("QyHeritage.Iiif")]
    [InlineData("QyHeritage.Search")]
    [InlineData("QyHeritage.Immersive")]
    public void A_module_that_reads_the_archive_loads_no_ocr_assembly(string module)
    {
        var reached = ReferencedClosure(module);
        Assert.Empty(reached.Keys.Where(n => OcrAssemblies.Contains(n)).Select(n => $"{module} reaches {n} through {reached[n]}"));
    }

    [Fact]
    public void The_host_reaches_recognition_for_ingest()
    {
        // The walk itself works: the composition root does reference the OCR assembly.
        Assert.Contains("QyHeritage.Recognition", ReferencedClosure("QyHeritage.Web").Keys);
    }

    /// <summary>Every assembly reachable from <paramref name="root"/> by references, each with the assembly that first referenced it.</summary>
    private static Dictionary<string, string> ReferencedClosure(string root)
    {
        var reached = new Dictionary<string, string>(StringComparer.Ordinal) { [root] = "(root)" };
        var queue = new Queue<Assembly>([Assembly.Load(root)]);
        while (queue.TryDequeue(out var assembly))
        {
            foreach (var name in assembly.GetReferencedAssemblies())
            {
                if (name.Name is null || !reached.TryAdd(name.Name, assembly.GetName().Name!)) continue;
                // Names are checked before loading, so a reference to an assembly absent here still counts.
                try { queue.Enqueue(Assembly.Load(name)); }
                catch (FileNotFoundException) { }
            }
        }
        return reached;
    }
}
