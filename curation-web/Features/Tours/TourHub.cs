using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using QyHeritage.Archive.Exhibitions;
using QyHeritage.Web.Features.Accounts;

namespace QyHeritage.Web.Features.Tours;

/// <summary>
/// The live tour's messages (<c>/hubs/tours</c>). Pupils have no account: a pupil connection proves itself with the
/// rejoin token the join form gave (<see cref="Rejoin"/>) and may then only answer. Every guide method needs a staff
/// role (checked by SignalR per method) and that the caller leads this tour (its guide, or an admin); pupils' calls
/// are limited to a few a second. Messages to clients: <c>moved</c>, <c>gathered</c>, <c>question</c>,
/// <c>results</c>, <c>pointer</c>, <c>ended</c>, <c>removed</c>; to guides also <c>pupils</c> and <c>answers</c>.
/// </summary>
public sealed class TourHub(TourRegistry tours) : Hub
{
    public const string Path = "/hubs/tours";
    private const string PupilKey = "qy.pupil";
    private const string BucketKey = "qy.bucket";

    public static string PupilsGroup(string tour) => "p:" + tour;
    public static string GuidesGroup(string tour) => "g:" + tour;
    private static string PupilGroup(string tour, string pupil) => $"u:{tour}:{pupil}";

    // ---- pupils ----

    /// <summary>A pupil's page connects (or reconnects) with its rejoin token; the answer is where the tour is now.</summary>
    public async Task<PupilView> Rejoin(string token)
    {
        Throttle();
        var (tour, pupil) = await FindPupilAsync(token);
        var again = Context.Items[PupilKey] is PupilSeat seat && seat == new PupilSeat(tour.Id, pupil.Id);
        if (Context.Items[PupilKey] is PupilSeat && !again) throw Refusal("这个连接已属于另一位学生。", "This connection belongs to another pupil.");
        Context.Items[PupilKey] = new PupilSeat(tour.Id, pupil.Id);
        await Groups.AddToGroupAsync(Context.ConnectionId, PupilsGroup(tour.Id));
        await Groups.AddToGroupAsync(Context.ConnectionId, PupilGroup(tour.Id, pupil.Id));
        if (!again) await tours.ConnectedAsync(tour, pupil.Id, +1);
        PupilView view;
        lock (tour.Gate)
            view = new PupilView(tour.Id, pupil.Name, tour.Stop, tour.Stops.Count, tour.Gathered, tour.Question, tour.ResultsShown ? tour.Summary(false) : null, tour.Pointer);
        await SendPupilsAsync(Clients, tours, tour.Id);
        return view;
    }

    /// <summary>A pupil's answer to the open question (their last answer counts).</summary>
    public async Task Answer(int stop, int question, int[]? choices, string? text)
    {
        Throttle();
        var seat = Context.Items[PupilKey] as PupilSeat ?? throw Refusal("请先加入导览。", "Join the tour first.");
        var tour = await tours.FindAsync(seat.Tour) is { IsLive: true } t ? t : throw Ended();
        TourAnswer answer;
        lock (tour.Gate)
        {
            if (tour.Pupils.FirstOrDefault(p => p.Id == seat.Pupil) is not { Removed: false })
                throw Refusal("您已被移出本次导览。", "You were removed from this tour.");
            if (tour.Question is not { } open || open.Stop != stop || open.Index != question || tour.QuestionAt(open) is not { } q)
                throw Refusal("这个问题没有开放作答。", "This question is not open.");
            var picked = (choices ?? []).Distinct().Where(c => c >= 0 && c < (q.Choices?.Count ?? 0)).Order().ToArray();
            var typed = q.Kind == QuestionKind.Short ? TourNames.CleanAnswer(text) : null;
            if (q.Kind == QuestionKind.Single && picked.Length != 1 || q.Kind == QuestionKind.Multiple && picked.Length == 0 || q.Kind == QuestionKind.Short && typed is null)
                throw Refusal("答案不完整。", "The answer is incomplete.");
            answer = new TourAnswer(seat.Pupil, stop, question, picked, typed, tours.Clock.GetUtcNow());
        }
        await tours.AnswerAsync(tour, answer);
        var now = await tours.FindAsync(tour.Id) ?? tour;
        AnswerSummary? summary;
        lock (now.Gate) summary = now.Summary(true);
        await Clients.Group(GuidesGroup(tour.Id)).SendAsync("answers", summary);
        if (now.ResultsShown) await SendResultsAsync(now);
    }

    // ---- guides ----

    /// <summary>The guide's console connects: the whole state, pupils and answers included.</summary>
    [Authorize(Policy = AccountPolicies.Staff)]
    public async Task<GuideView> Lead(string tourId)
    {
        var tour = await GuideTourAsync(tourId);
        await Groups.AddToGroupAsync(Context.ConnectionId, GuidesGroup(tour.Id));
        lock (tour.Gate) return new GuideView(tour.Id, tour.Stop, tour.Stops.Count, tour.Gathered, tour.Question, tour.ResultsShown, tour.Summary(true), Present(tour));
    }

    [Authorize(Policy = AccountPolicies.Staff)]
    public Task GoTo(string tourId, int stop) => Move(tourId, stop);

    [Authorize(Policy = AccountPolicies.Staff)]
    public Task Next(string tourId) => Move(tourId, null, +1);

    [Authorize(Policy = AccountPolicies.Staff)]
    public Task Previous(string tourId) => Move(tourId, null, -1);

    /// <summary>Everyone back to the guide's stop, and held there until <see cref="Release"/>.</summary>
    [Authorize(Policy = AccountPolicies.Staff)]
    public Task Gather(string tourId) => SetGathered(tourId, true);

    /// <summary>Pupils may look around again between moves.</summary>
    [Authorize(Policy = AccountPolicies.Staff)]
    public Task Release(string tourId) => SetGathered(tourId, false);

    private async Task SetGathered(string tourId, bool gathered)
    {
        var changed = await ChangeAsync(tourId, t =>
        {
            t.Gathered = gathered;
            return t.Stop;
        });
        await Clients.Groups(PupilsGroup(changed.Tour.Id), GuidesGroup(changed.Tour.Id)).SendAsync("gathered", changed.Value, gathered);
    }

    [Authorize(Policy = AccountPolicies.Staff)]
    public async Task OpenQuestion(string tourId, int stop, int question)
    {
        var q = new QuestionRef(stop, question);
        var changed = await ChangeAsync(tourId, t =>
        {
            if (t.QuestionAt(q) is null) throw Refusal("没有这个问题。", "There is no such question.");
            t.Question = q;
            t.ResultsShown = false;
            return true;
        });
        var tour = await tours.FindAsync(changed.Tour.Id) ?? changed.Tour;
        AnswerSummary? summary;
        lock (tour.Gate) summary = tour.Summary(true);
        await Clients.Groups(PupilsGroup(tour.Id), GuidesGroup(tour.Id)).SendAsync("question", q);
        await Clients.Group(GuidesGroup(tour.Id)).SendAsync("answers", summary);
    }

    [Authorize(Policy = AccountPolicies.Staff)]
    public async Task CloseQuestion(string tourId)
    {
        var changed = await ChangeAsync(tourId, t =>
        {
            t.Question = null;
            t.ResultsShown = false;
            return true;
        });
        await Clients.Groups(PupilsGroup(changed.Tour.Id), GuidesGroup(changed.Tour.Id)).SendAsync("question", (QuestionRef?)null);
    }

    /// <summary>Shows everyone how the open question was answered: counts, and short answers without names.</summary>
    [Authorize(Policy = AccountPolicies.Staff)]
    public async Task ShowResults(string tourId)
    {
        var changed = await ChangeAsync(tourId, t =>
        {
            if (t.Question is null) throw Refusal("没有开放的问题。", "No question is open.");
            t.ResultsShown = true;
            return true;
        });
        await SendResultsAsync(await tours.FindAsync(changed.Tour.Id) ?? changed.Tour);
    }

    /// <summary>The guide points at a spot of the stop's image (x, y from 0 to 1), or clears the pointer (x or y outside).</summary>
    [Authorize(Policy = AccountPolicies.Staff)]
    public async Task Point(string tourId, int stop, double x, double y)
    {
        TourPointer? pointer = x is >= 0 and <= 1 && y is >= 0 and <= 1 && double.IsFinite(x) && double.IsFinite(y) ? new TourPointer(stop, x, y) : null;
        var changed = await ChangeAsync(tourId, t => t.Pointer = pointer);
        await Clients.Groups(PupilsGroup(changed.Tour.Id), GuidesGroup(changed.Tour.Id)).SendAsync("pointer", pointer);
    }

    [Authorize(Policy = AccountPolicies.Staff)]
    public async Task RemovePupil(string tourId, string pupilId)
    {
        var tour = await GuideTourAsync(tourId);
        bool known;
        lock (tour.Gate) known = tour.Pupils.Any(p => p.Id == pupilId);
        if (!known) return;
        await tours.RemovePupilAsync(tour, pupilId);
        await Clients.Group(PupilGroup(tour.Id, pupilId)).SendAsync("removed");
        await SendPupilsAsync(Clients, tours, tour.Id);
    }

    [Authorize(Policy = AccountPolicies.Staff)]
    public async Task End(string tourId)
    {
        var tour = await GuideTourAsync(tourId);
        await tours.EndAsync(tour);
        await Clients.Groups(PupilsGroup(tour.Id), GuidesGroup(tour.Id)).SendAsync("ended");
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items[PupilKey] is PupilSeat seat && await tours.FindAsync(seat.Tour) is { } tour)
        {
            await tours.ConnectedAsync(tour, seat.Pupil, -1);
            await SendPupilsAsync(Clients, tours, tour.Id);
        }
        await base.OnDisconnectedAsync(exception);
    }

    /// <summary>Tells the tour's guides who is there now (the join form calls this too; any host's pupils count).</summary>
    public static async Task SendPupilsAsync(IHubClients<IClientProxy> clients, TourRegistry tours, string tourId)
    {
        if (await tours.FindAsync(tourId) is not { } tour) return;
        List<PresentPupil> present;
        lock (tour.Gate) present = Present(tour);
        await clients.Group(GuidesGroup(tour.Id)).SendAsync("pupils", present);
    }

    private async Task SendResultsAsync(Tour tour)
    {
        AnswerSummary? results;
        lock (tour.Gate) results = tour.Summary(false);
        await Clients.Groups(PupilsGroup(tour.Id), GuidesGroup(tour.Id)).SendAsync("results", results);
    }

    private async Task Move(string tourId, int? to, int by = 0)
    {
        var changed = await ChangeAsync(tourId, t =>
        {
            var stop = Math.Clamp(to ?? t.Stop + by, 1, t.Stops.Count);
            if (to is { } n && n != stop) throw Refusal($"没有第 {n} 站。", $"There is no stop {n}.");
            t.Stop = stop;
            t.Pointer = null;
            return (stop, t.Gathered);
        });
        await Clients.Groups(PupilsGroup(changed.Tour.Id), GuidesGroup(changed.Tour.Id)).SendAsync("moved", changed.Value.stop, changed.Value.Gathered);
    }

    /// <summary>A change by this tour's guide (checked first), as one step on every host.</summary>
    private async Task<Changed<T>> ChangeAsync<T>(string tourId, Func<Tour, T> change)
    {
        var tour = await GuideTourAsync(tourId);
        return await tours.ChangeAsync(tour.Id, change) ?? throw Ended();
    }

    private static List<PresentPupil> Present(Tour tour) =>
        tour.Pupils.Where(p => !p.Removed).Select(p => new PresentPupil(p.Id, p.Name, tour.Connected.ContainsKey(p.Id))).ToList();

    /// <summary>The tour this caller leads: its guide, or an admin; a live one; asked from this site's own pages.</summary>
    private async Task<Tour> GuideTourAsync(string tourId)
    {
        var user = Context.User;
        var tour = await tours.FindAsync(tourId ?? "") ?? throw Refusal("没有这个导览。", "There is no such tour.");
        if (!tour.IsLive) throw Ended();
        var name = user?.Identity?.Name;
        if (name is null || (name != tour.Guide && user?.IsInRole(AccountRoles.Admin) != true))
            throw Refusal("只有本次导览的向导可以这样做。", "Only this tour's guide can do this.");
        if (Context.GetHttpContext() is { } http && http.Request.Headers.Origin.ToString() is { Length: > 0 } origin &&
            !string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase))
            throw Refusal("请从本站的向导页面操作。", "Lead the tour from this site's guide page.");
        return tour;
    }

    /// <summary>The pupil a rejoin token (<c>{tour}.{secret}</c>) names, in a live tour.</summary>
    private async Task<(Tour, TourPupil)> FindPupilAsync(string token)
    {
        var dot = (token ?? "").IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && await tours.FindAsync(token![..dot]) is { IsLive: true } tour)
        {
            TourPupil? pupil;
            lock (tour.Gate) pupil = tour.PupilByToken(token);
            if (pupil is not null) return (tour, pupil);
        }
        throw Refusal("无法重新加入：导览已结束，或您已被移出。", "Cannot rejoin: the tour has ended, or you were removed.");
    }

    /// <summary>A pupil's connection may send a few messages a second (a token bucket per connection).</summary>
    private void Throttle()
    {
        if (Context.Items[BucketKey] is not MessageBucket bucket)
            Context.Items[BucketKey] = bucket = new MessageBucket(tours.Settings.PupilMessagesPerSecond);
        if (!bucket.Take()) throw Refusal("发送太频繁，请稍后再试。", "Too many messages: wait a moment.");
    }

    private static HubException Ended() => Refusal("本次导览已结束。", "This tour has ended.");

    private static HubException Refusal(string zh, string en) => new($"{zh} {en}");

    private sealed record PupilSeat(string Tour, string Pupil);
}

/// <summary>A token bucket: <c>rate</c> a second, holding up to twice that.</summary>
internal sealed class MessageBucket(int rate)
{
    private readonly double _rate = Math.Max(1, rate);
    private double _tokens = Math.Max(1, rate) * 2;
    private long _last = Environment.TickCount64;

    public bool Take()
    {
        lock (this)
        {
            var now = Environment.TickCount64;
            _tokens = Math.Min(_rate * 2, _tokens + (now - _last) / 1000.0 * _rate);
            _last = now;
            if (_tokens < 1) return false;
            _tokens--;
            return true;
        }
    }
}

/// <summary>What a pupil's page needs on (re)joining.</summary>
public sealed record PupilView(string Tour, string Name, int Stop, int Stops, bool Gathered, QuestionRef? Question, AnswerSummary? Results, TourPointer? Pointer);

/// <summary>What the guide's console needs on connecting.</summary>
public sealed record GuideView(string Tour, int Stop, int Stops, bool Gathered, QuestionRef? Question, bool ResultsShown, AnswerSummary? Answers, List<PresentPupil> Pupils);

public sealed record PresentPupil(string Id, string Name, bool Online);
