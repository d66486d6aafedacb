using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace QyHeritage.Recognition;

/// <summary>
/// Runs the tesseract command line once for one image and returns its hOCR. One thread per process
/// (OMP_THREAD_LIMIT=1): the ingest runs one page per core, and tesseract's own threading on a busy machine is
/// three times slower per page (RECIPES.md).
/// </summary>
internal static class TesseractProcess
{
    public static async Task<string> RunHocrAsync(string executable, string imagePath, string language, int psm, TimeSpan timeout, CancellationToken ct)
    {
        var outBase = Path.Combine(Path.GetTempPath(), "qy-ocr-" + Guid.NewGuid().ToString("N"));
        var psi = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var arg in new[]
                 {
                     imagePath, outBase, "-l", language, "--psm", psm.ToString(CultureInfo.InvariantCulture),
                     // Our montages are synthetic: no resolution in the file, and 300 dpi keeps tesseract's size heuristics sane.
                     "--dpi", "300",
                     "-c", "hocr_char_boxes=1", "hocr",
                 })
        {
            psi.ArgumentList.Add(arg);
        }
        psi.Environment["OMP_THREAD_LIMIT"] = "1";

        using var process = new Process { StartInfo = psi };
        try
        {
            if (!process.Start()) throw new OcrException("tesseract did not start; install tesseract-ocr (apt-get install tesseract-ocr tesseract-ocr-chi-tra tesseract-ocr-chi-tra-vert tesseract-ocr-chi-sim)");
        }
        catch (Win32Exception e)
        {
            throw new OcrException($"tesseract not found ('{executable}'); install tesseract-ocr (apt-get install tesseract-ocr tesseract-ocr-chi-tra tesseract-ocr-chi-tra-vert tesseract-ocr-chi-sim)", e);
        }

        var stderrTask = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var stdoutTask = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutCts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A process that is exiting, or whose children come and go while the tree is walked, may refuse the kill:
            // it is ending anyway, and the caller needs the timeout, not that error.
            try { process.Kill(entireProcessTree: true); }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception or AggregateException) { }
            Cleanup(outBase);
            ct.ThrowIfCancellationRequested();
            throw new OcrException($"tesseract timed out after {timeout.TotalSeconds:0} s on {imagePath}");
        }
        var stderr = await stderrTask.ConfigureAwait(false);
        await stdoutTask.ConfigureAwait(false);
        var hocrPath = outBase + ".hocr";
        try
        {
            if (process.ExitCode != 0 || !File.Exists(hocrPath))
            {
                if (stderr.Contains("Failed loading language", StringComparison.Ordinal) || stderr.Contains("Error opening data file", StringComparison.Ordinal))
                    throw new OcrException($"tesseract model '{language}' is not installed; install tesseract-ocr-{language.Replace('_', '-')} ({FirstLines(stderr)})");
                if (stderr.Contains("Error in pixRead", StringComparison.Ordinal) || stderr.Contains("Unsupported image type", StringComparison.Ordinal) || stderr.Contains("Image file", StringComparison.Ordinal))
                    throw new OcrException($"tesseract cannot read the image {imagePath} ({FirstLines(stderr)})");
                throw new OcrException($"tesseract failed with exit code {process.ExitCode} on {imagePath}: {FirstLines(stderr)}");
            }
            return await File.ReadAllTextAsync(hocrPath, ct).ConfigureAwait(false);
        }
        finally
        {
            Cleanup(outBase);
        }
    }

    private static void Cleanup(string outBase)
    {
        try { File.Delete(outBase + ".hocr"); } catch (IOException) { }
    }

    private static string FirstLines(string s)
    {
        var lines = s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3);
        return string.Join(" | ", lines);
    }
}
