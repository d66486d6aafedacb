using QyHeritage.Archive.Exhibitions;

namespace QyHeritage.Web.Features.Tours;

/// <summary>
/// One stop of a live tour: a section's opening (its title and text) or one exhibit. Numbered from 1 in tour order.
/// </summary>
/// <param name="Number">1, 2, … in the order <see cref="TourStops.From"/> gives.</param>
/// <param name="Section">The section the stop belongs to (for an exhibit, the section that holds it).</param>
/// <param name="Exhibit">The exhibit; null for a section's opening stop.</param>
public sealed record TourStop(int Number, ExhibitionSection Section, Exhibit? Exhibit)
{
    public bool IsSection => Exhibit is null;

    /// <summary>The stop's title: the exhibit's label, else the section's title.</summary>
    public Bilingual Title => Exhibit?.Label ?? Section.Title;

    /// <summary>The questions a guide may open here (exhibits only carry them).</summary>
    public IReadOnlyList<TourQuestion> Questions => Exhibit?.Questions ?? [];
}

/// <summary>
/// The one rule for a tour's stops, from the published exhibition alone: for each section in order, one stop for the
/// section, then one per exhibit in order. The hall compiler (immersive/) numbers its tour stops by the same rule, so
/// that "stop N" names the same place in the plain view, the hall (/halls/{exhibition}.glb) and the panorama
/// (/halls/{exhibition}/stops/{n}.jpg).
/// </summary>
public static class TourStops
{
    public static IReadOnlyList<TourStop> From(Exhibition exhibition)
    {
        var stops = new List<TourStop>();
        foreach (var section in exhibition.Sections)
        {
            stops.Add(new TourStop(stops.Count + 1, section, null));
            foreach (var exhibit in section.Exhibits) stops.Add(new TourStop(stops.Count + 1, section, exhibit));
        }
        return stops;
    }
}
