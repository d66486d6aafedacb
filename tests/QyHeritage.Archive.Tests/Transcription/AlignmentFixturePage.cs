using QyHeritage.Archive.Domain;

namespace QyHeritage.Archive.Tests.Transcription;

/// <summary>A sample page with its checked-in OCR fixture and what the alignment tests expect of it.</summary>
/// <param name="Name">Short name used as the theory case.</param>
/// <param name="Folder">Item folder under assets/sample-collection.</param>
/// <param name="Page">Page file stem, e.g. "p001".</param>
/// <param name="Layout">How the page's text runs.</param>
/// <param name="MinConfirmed">Lower bound for the share of OCR-confirmed characters (measured value minus a small margin).</param>
public sealed record AlignmentFixturePage(string Name, string Folder, string Page, TextLayout Layout, double MinConfirmed)
{
    public string ImagePath => Path.Combine(TestPaths.SampleCollection, Folder, Page + ".jpg");

    public string TranscriptionPath => Path.Combine(TestPaths.SampleCollection, Folder, Page + ".txt");

    public string HocrFile => $"{Folder}-{Page}.hocr";

    public override string ToString() => Name;
}
