namespace QyHeritage.Web.Features.Tours;

/// <summary>Live tours (<c>Qy:Tours</c>): how long they live, how long their answers are kept, and the abuse limits.</summary>
public sealed class TourSettings
{
    public const string Section = "Qy:Tours";

    /// <summary>A tour nobody has acted in for this long ends by itself (its join code stops working).</summary>
    public int IdleMinutes { get; set; } = 120;

    /// <summary>An ended tour, with its pupils' names and answers, is deleted after this many days.</summary>
    public double KeepDays { get; set; } = 7;

    /// <summary>Join attempts a minute from one address (a classroom behind one address needs room for sixty).</summary>
    public int JoinsPerAddressPerMinute { get; set; } = 120;

    /// <summary>Attempts with a code that names no live tour, a minute, for the whole host: guessing the code space.</summary>
    public int WrongCodesPerMinute { get; set; } = 60;

    /// <summary>Messages a second one pupil's connection may send (answers, rejoins), with twice that as a burst.</summary>
    public int PupilMessagesPerSecond { get; set; } = 4;

    /// <summary>Pupils one tour takes.</summary>
    public int MaxPupils { get; set; } = 200;

    /// <summary>A display name's length in characters as a reader counts them (text elements), after normalisation.</summary>
    public int NameMaxLength { get; set; } = 24;

    /// <summary>How often the keeper looks for idle and old tours.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// When set (a StackExchange.Redis configuration, e.g. <c>127.0.0.1:6379</c>), hosts share tours: the tours' state lives in
    /// Redis and the hub's messages go through the SignalR Redis backplane. Unset: one host, tours in its memory.
    /// </summary>
    public string? Redis { get; set; }

    public TimeSpan IdleLimit => TimeSpan.FromMinutes(Math.Max(1, IdleMinutes));

    public TimeSpan Keep => TimeSpan.FromDays(Math.Max(0, KeepDays));
}
