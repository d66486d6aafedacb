namespace QyHeritage.Archive.Exhibitions;

/// <summary>
/// Why an exhibition cannot be saved or published, said in Chinese then English, with where
/// (a JSON path into the exhibition, e.g. <c>sections[1].exhibits[0].region</c>).
/// </summary>
public sealed record ExhibitionProblem(string Path, string Zh, string En)
{
    public override string ToString() => $"{Path}: {Zh} / {En}";
}
