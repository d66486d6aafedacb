using QyHeritage.Immersive.Rendering;

namespace QyHeritage.Immersive.Tests.Rendering;

/// <summary>Keeps each test's pictures in tests/QyHeritage.Immersive.Tests/TestResults/renders/ to look at.</summary>
static class RenderOutput
{
    public static string Folder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QyHeritage.sln")))
                dir = dir.Parent;
            var root = dir?.FullName ?? Path.GetTempPath();
            var folder = Path.Combine(root, "tests", "QyHeritage.Immersive.Tests", "TestResults", "renders");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public static void Keep(RenderedImage image, string name) => image.SavePng(Path.Combine(Folder, name + ".png"));

    /// <summary>Largest channel difference between two sRGB colours.</summary>
    public static int Distance((byte R, byte G, byte B) a, (byte R, byte G, byte B) b) =>
        Math.Max(Math.Abs(a.R - b.R), Math.Max(Math.Abs(a.G - b.G), Math.Abs(a.B - b.B)));
}
