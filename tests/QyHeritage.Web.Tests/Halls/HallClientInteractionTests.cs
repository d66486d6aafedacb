using System.Text.Json;
using Microsoft.Playwright;
using QyHeritage.Web.Tests.Pages;

namespace QyHeritage.Web.Tests.Halls;

/// <summary>
/// What a visitor does in the hall beyond walking with keys: a headset's controller (IWER's emulated Quest 3: teleport
/// arc and blink, snap turn, the ray and its panel), the table-top model in AR, touch on a phone, the tour's fade, and the
/// hall opened again offline. Same fixture (one host, one chromium) as <see cref="HallClientBrowserTests"/>.
/// </summary>
public partial class HallClientBrowserTests
{
    /// <summary>
    /// Test only: poses IWER's emulated controllers, or its tracked hands once <c>qyXrTest.useHands()</c> switched the
    /// device's primary input to hands (IWER's XRHandInput: the hand's target ray is its pose, and its pinch is an analog
    /// button whose press fires select/selectstart/selectend, as a headset's hand tracking does). The controller or hand is
    /// held a little below and right of the head (in the session's local-floor space, which the hall's rig carries:
    /// world = rig position + rotateY(rig yaw) · local).
    /// </summary>
    private const string XrTestScript = """
        window.qyXrTest = (() => {
          const rotY = (v, a) => [v[0] * Math.cos(a) + v[2] * Math.sin(a), v[1], -v[0] * Math.sin(a) + v[2] * Math.cos(a)];
          const norm = (v) => { const l = Math.hypot(...v) || 1; return v.map((c) => c / l); };
          const controller = (hand) => window.qyXrDevice.primaryInputMode === 'hand' ? window.qyXrDevice.hands[hand] : window.qyXrDevice.controllers[hand];
          const place = (hand) => {
            const d = window.qyXrDevice;
            const [rx, rz, yaw] = window.qyHall.rig;
            const local = [d.position.x + (hand === 'left' ? -0.2 : 0.2), d.position.y - 0.3, d.position.z - 0.2];
            controller(hand).position.set(local[0], local[1], local[2]);
            const w = rotY(local, yaw);
            return { yaw, world: [rx + w[0], w[1], rz + w[2]] };
          };
          // The controller's -z onto a world direction.
          const point = (hand, world, yaw) => {
            const b = norm(rotY(world, -yaw));
            const q = b[2] > 0.999999 ? [0, 1, 0, 0] : norm([b[1], -b[0], 0, 1 - b[2]]);
            controller(hand).quaternion.set(q[0], q[1], q[2], q[3]);
          };
          return {
            aimAt(x, y, z, hand = 'right') {
              const p = place(hand);
              point(hand, [x - p.world[0], y - p.world[1], z - p.world[2]], p.yaw);
            },
            // Points the controller so that the client's arc (7 m/s under gravity) comes down on (x, z).
            throwTo(x, z, hand = 'right') {
              const p = place(hand);
              const dx = x - p.world[0], dz = z - p.world[2], reachWanted = Math.hypot(dx, dz), h = p.world[1];
              const reach = (a) => { const vy = 7 * Math.sin(a); return 7 * Math.cos(a) * (vy + Math.sqrt(vy * vy + 19.6 * h)) / 9.8; };
              let lo = -1.5, hi = 0.7;
              for (let i = 0; i < 60; i++) { const m = (lo + hi) / 2; if (reach(m) < reachWanted) lo = m; else hi = m; }
              const a = (lo + hi) / 2;
              point(hand, [dx / reachWanted * Math.cos(a), Math.sin(a), dz / reachWanted * Math.cos(a)], p.yaw);
            },
            stick(x, y, hand = 'right') { controller(hand).updateAxes('thumbstick', x, y); },
            trigger(v, hand = 'right') { controller(hand).updateButtonValue('trigger', v); },
            // The session's select events as they come (evidence when a pinch does nothing): 'hand' or 'controller'.
            selects: [],
            useHands() {
              window.qyXrDevice.primaryInputMode = 'hand';
              window.qyXrDevice.activeSession.addEventListener('selectstart', (e) => window.qyXrTest.selects.push(e.inputSource.hand ? 'hand' : 'controller'));
            },
            pinch(v, hand = 'right') { window.qyXrDevice.hands[hand].updatePinchValue(v); },
            inputs() { return [...window.qyXrDevice.activeSession.inputSources].map((s) => (s.hand ? 'hand:' : 'controller:') + s.handedness); },
          };
        })();
        """;

    private async Task<IPage> EnterVrAsync()
    {
        var page = await site.NewPageAsync();
        await page.Context.AddInitScriptAsync(scriptPath: site.IwerScript);
        await page.Context.AddInitScriptAsync(script: XrTestScript);
        await page.GotoAsync(site.Url(HallPath));
        await UntilAsync(page, "window.qyHall && window.qyHall.state !== 'loading'", 120_000);
        var enter = page.Locator("[data-act=enter-vr]");
        await enter.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await enter.ClickAsync();
        await UntilAsync(page, "window.qyHall.xrViews === 2", 60_000);
        return page;
    }

    private static async Task<(double X, double Z, double Heading)> HeadAsync(IPage page)
    {
        var c = await CameraAsync(page);
        return (c[0], c[2], await page.EvaluateAsync<double>("window.qyHall.heading"));
    }

    private static Task<bool> WalkableAsync(IPage page, double x, double z) =>
        page.EvaluateAsync<bool>("([x, z]) => window.qyHall.walkable(x, z)", new[] { x, z });

    /// <summary>The farthest free floor up to <paramref name="most"/> metres from the head along a heading (degrees), on a straight walk.</summary>
    private static async Task<(double X, double Z)> FreeFloorAsync(IPage page, double heading, double most)
    {
        var (x, z, _) = await HeadAsync(page);
        var (dx, dz) = (-Math.Sin(heading * Math.PI / 180), -Math.Cos(heading * Math.PI / 180));
        var reach = 0.0;
        for (var d = 0.1; d <= most && await WalkableAsync(page, x + dx * d, z + dz * d); d += 0.1) reach = d;
        return (x + dx * (reach - 0.3), z + dz * (reach - 0.3));
    }

    private static double Turned(double from, double to) => ((to - from) % 360 + 540) % 360 - 180;

    /// <summary>
    /// A teleport as the visitor makes it, by controller stick or hand pinch: the ray thrown at <paramref name="ahead"/>,
    /// held (<paramref name="hold"/>) until the arc lands there (screenshot), let go (<paramref name="release"/>) and the
    /// head arrives on the landing after the blink, no longer aiming. Returns the landing [x, z].
    /// </summary>
    private static async Task<double[]> TeleportAsync(IPage page, (double X, double Z) ahead, string hold, string release, string screenshot)
    {
        await page.EvaluateAsync("([x, z]) => window.qyXrTest.throwTo(x, z)", new[] { ahead.X, ahead.Z });
        await page.EvaluateAsync(hold);
        await UntilAsync(page, "window.qyHall.teleportTarget !== null");
        var target = await page.EvaluateAsync<double[]>("window.qyHall.teleportTarget");
        Assert.InRange(double.Hypot(target[0] - ahead.X, target[1] - ahead.Z), 0, 0.1);
        await PagesSite.ScreenshotAsync(page, screenshot);
        await page.EvaluateAsync(release);
        await UntilAsync(page, $"Math.hypot(window.qyHall.camera[0] - ({target[0]}), window.qyHall.camera[2] - ({target[1]})) < 0.02");
        Assert.False(await page.EvaluateAsync<bool>("window.qyHall.aiming"));
        return target;
    }

    [Fact]
    public async Task In_vr_the_controller_teleports_by_arc_onto_free_floor_only_and_snap_turns()
    {
        var page = await EnterVrAsync();
        await page.EvaluateAsync("window.qyHall.goToStop(1)");
        await UntilAsync(page, "window.qyHall.stop === 1");
        await page.WaitForTimeoutAsync(600);
        var start = await HeadAsync(page);
        Assert.True(await WalkableAsync(page, start.X, start.Z), "the first stop is on free floor");

        // Snap turn: the thumbstick to the right turns the view 30° to the right about the head, which stays put.
        await page.EvaluateAsync("window.qyXrTest.stick(1, 0)");
        await UntilAsync(page, $"Math.abs((((window.qyHall.heading - ({start.Heading})) % 360) + 540) % 360 - 180 + 30) < 1");
        await page.EvaluateAsync("window.qyXrTest.stick(0, 0)");
        await page.WaitForTimeoutAsync(400);
        var turned = await HeadAsync(page);
        Assert.InRange(Turned(start.Heading, turned.Heading), -31, -29);
        Assert.InRange(double.Hypot(turned.X - start.X, turned.Z - start.Z), 0, 0.02);
        // Held to the side, it turns once, not on every frame; let go and pushed again, once more. (Waited for, then
        // held on: on a loaded machine an emulated XR frame can take longer than a fixed hold.)
        await page.EvaluateAsync("window.qyXrTest.stick(-1, 0)");
        await UntilAsync(page, $"Math.abs((((window.qyHall.heading - ({start.Heading})) % 360) + 540) % 360 - 180) < 1");
        await page.WaitForTimeoutAsync(800);
        await page.EvaluateAsync("window.qyXrTest.stick(0, 0)");
        await page.WaitForTimeoutAsync(300);
        Assert.InRange(Turned(start.Heading, (await HeadAsync(page)).Heading), -1, 1);

        // Thumbstick forward: the arc comes down on free floor ahead; let go, and the visitor is there after a blink.
        var ahead = await FreeFloorAsync(page, start.Heading, 3.5);
        var target = await TeleportAsync(page, ahead, "window.qyXrTest.stick(0, -1)", "window.qyXrTest.stick(0, 0)", "hall-vr-teleport-arc");

        // The stop's text hangs before the eyes: the trigger pointed off it closes it.
        Assert.NotNull(await page.EvaluateAsync<JsonElement?>("window.qyHall.headsetPanel"));
        await page.EvaluateAsync("window.qyXrTest.trigger(1)");
        await UntilAsync(page, "window.qyHall.headsetPanel === null");
        await page.EvaluateAsync("window.qyXrTest.trigger(0)");
        await page.WaitForTimeoutAsync(1000);
        // Then the trigger held on the floor aims as well, and letting it go teleports.
        var here = await HeadAsync(page);
        var aside = await FreeFloorAsync(page, here.Heading + 150, 3);
        await page.EvaluateAsync("([x, z]) => window.qyXrTest.throwTo(x, z)", new[] { aside.X, aside.Z });
        await page.EvaluateAsync("window.qyXrTest.trigger(1)");
        await UntilAsync(page, "window.qyHall.teleportTarget !== null");
        target = await page.EvaluateAsync<double[]>("window.qyHall.teleportTarget");
        Assert.InRange(double.Hypot(target[0] - aside.X, target[1] - aside.Z), 0, 0.1);
        await page.EvaluateAsync("window.qyXrTest.trigger(0)");
        await UntilAsync(page, $"Math.hypot(window.qyHall.camera[0] - ({target[0]}), window.qyHall.camera[2] - ({target[1]})) < 0.02");

        // An arc that comes down beyond the walls (or on a fixture) is refused: no marker, no move.
        here = await HeadAsync(page);
        (double X, double Z)? outside = null;
        for (var k = 0; k < 8 && outside is null; k++)
        {
            var edge = await FreeFloorAsync(page, here.Heading + 45 * k, 5);
            var (dx, dz) = (edge.X - here.X, edge.Z - here.Z);
            var length = double.Hypot(dx, dz);
            if (length > 4.5) continue;
            var beyond = (X: here.X + dx / length * (length + 1.2), Z: here.Z + dz / length * (length + 1.2));
            if (!await WalkableAsync(page, beyond.X, beyond.Z)) outside = beyond;
        }
        Assert.NotNull(outside);
        await page.EvaluateAsync("([x, z]) => window.qyXrTest.throwTo(x, z)", new[] { outside.Value.X, outside.Value.Z });
        await page.EvaluateAsync("window.qyXrTest.stick(0, -1)");
        await UntilAsync(page, "window.qyHall.aiming");
        await page.WaitForTimeoutAsync(500);
        Assert.Null(await page.EvaluateAsync<double[]?>("window.qyHall.teleportTarget"));
        await PagesSite.ScreenshotAsync(page, "hall-vr-teleport-refused");
        await page.EvaluateAsync("window.qyXrTest.stick(0, 0)");
        await page.WaitForTimeoutAsync(800);
        var after = await HeadAsync(page);
        Assert.InRange(double.Hypot(after.X - here.X, after.Z - here.Z), 0, 0.02);
        Assert.True(await WalkableAsync(page, after.X, after.Z));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task In_vr_a_tracked_hand_pinches_to_teleport_onto_free_floor_and_pinches_at_an_exhibit_to_open_its_panel()
    {
        var page = await EnterVrAsync();
        // The headset puts its controllers down: the session's input sources become two tracked hands (XRHand joints).
        await page.EvaluateAsync("window.qyXrTest.useHands()");
        await UntilAsync(page, "(() => { const i = window.qyXrTest.inputs(); return i.length === 2 && i.every((s) => s.startsWith('hand:')); })()");
        await page.EvaluateAsync("window.qyHall.goToStop(1)");
        await UntilAsync(page, "window.qyHall.stop === 1");
        await page.WaitForTimeoutAsync(600);
        // The stop's text panel hangs before the eyes; a pinch with the hand pointed off it (down at the floor by the feet)
        // closes it.
        var feet = await HeadAsync(page);
        await page.EvaluateAsync("([x, z]) => window.qyXrTest.aimAt(x, 0, z)", new[] { feet.X, feet.Z });
        await page.WaitForTimeoutAsync(200);
        await page.EvaluateAsync("window.qyXrTest.pinch(1)");
        await UntilAsync(page, "window.qyXrTest.selects.length > 0", 10_000);
        Assert.Equal(["hand"], await page.EvaluateAsync<string[]>("window.qyXrTest.selects"));
        await UntilAsync(page, "window.qyHall.headsetPanel === null");
        await page.EvaluateAsync("window.qyXrTest.pinch(0)");
        await page.WaitForTimeoutAsync(600);

        // Pinch held with the hand pointed at the floor ahead: the arc comes down there; let go, and after a blink the
        // visitor stands there.
        var start = await HeadAsync(page);
        var ahead = await FreeFloorAsync(page, start.Heading, 3.5);
        Assert.True(double.Hypot(ahead.X - start.X, ahead.Z - start.Z) > 1, "no free floor ahead of the first stop to teleport onto");
        await TeleportAsync(page, ahead, "window.qyXrTest.pinch(1)", "window.qyXrTest.pinch(0)", "hall-vr-hand-pinch-arc");
        var moved = await HeadAsync(page);
        Assert.True(double.Hypot(moved.X - start.X, moved.Z - start.Z) > 1, $"the pinch did not move the visitor: ({start.X:F2}, {start.Z:F2}) → ({moved.X:F2}, {moved.Z:F2})");

        // A pinch with the hand's ray on an exhibit opens its panel in the headset, and the visitor stays put.
        await page.EvaluateAsync("window.qyHall.standBefore('gorge', 1.5)");
        await page.WaitForTimeoutAsync(400);
        var before = await HeadAsync(page);
        var centre = await page.EvaluateAsync<double[]>("window.qyHall.exhibitCentre('gorge')");
        // The hand turns to the exhibit and pinches within one frame (one script turn): the select must go where it points
        // now, not where the last frame drew it (down at the floor after the teleport).
        await page.EvaluateAsync("([x, y, z]) => { window.qyXrTest.aimAt(x, y, z); window.qyXrTest.pinch(1); }", centre);
        await UntilAsync(page, "window.qyHall.headsetPanel !== null");
        await page.EvaluateAsync("window.qyXrTest.pinch(0)");
        await page.WaitForTimeoutAsync(400);
        var panel = JsonDocument.Parse(await page.EvaluateAsync<string>("JSON.stringify(window.qyHall.headsetPanel)")).RootElement;
        Assert.Equal("溱水南入湞陽县", panel.GetProperty("title").GetString());
        Assert.Equal("/items/QY-RB-008/p/1", new Uri(panel.GetProperty("link").GetString()!).AbsolutePath);
        await PagesSite.ScreenshotAsync(page, "hall-vr-hand-pinch-panel");
        var after = await HeadAsync(page);
        Assert.InRange(double.Hypot(after.X - before.X, after.Z - before.Z), 0, 0.02);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task In_vr_the_controller_ray_opens_an_exhibits_panel_and_its_link_opens_the_reading_room()
    {
        var page = await EnterVrAsync();
        await page.EvaluateAsync("window.qyHall.standBefore('gorge', 1.5)");
        await page.WaitForTimeoutAsync(300);
        var centre = await page.EvaluateAsync<double[]>("window.qyHall.exhibitCentre('gorge')");
        await page.EvaluateAsync("([x, y, z]) => window.qyXrTest.aimAt(x, y, z)", centre);
        await page.EvaluateAsync("window.qyXrTest.trigger(1)");
        await UntilAsync(page, "window.qyHall.headsetPanel !== null");
        await page.EvaluateAsync("window.qyXrTest.trigger(0)");
        var panel = JsonDocument.Parse(await page.EvaluateAsync<string>("JSON.stringify(window.qyHall.headsetPanel)")).RootElement;
        Assert.Equal("溱水南入湞陽县", panel.GetProperty("title").GetString());
        Assert.Equal("/items/QY-RB-008/p/1", new Uri(panel.GetProperty("link").GetString()!).AbsolutePath);
        await page.WaitForTimeoutAsync(300);
        await PagesSite.ScreenshotAsync(page, "hall-vr-exhibit-panel");
        // The teleport arc does not start from a picture: the trigger on it opened the panel instead.
        Assert.False(await page.EvaluateAsync<bool>("window.qyHall.aiming"));

        // The ray on the panel's "open in the reading room": the session ends and the reading room opens.
        var at = panel.GetProperty("centre").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        await page.EvaluateAsync("([x, y, z]) => window.qyXrTest.aimAt(x, y, z)", at);
        await page.WaitForTimeoutAsync(200);
        await page.EvaluateAsync("window.qyXrTest.trigger(1)");
        await Arrival.AtAsync(page, u => u.EndsWith("/items/QY-RB-008/p/1", StringComparison.Ordinal), until: null);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_an_emulated_headset_in_ar_the_hall_is_a_table_top_model_before_the_visitor()
    {
        var page = await OpenHallAsync(headset: true);
        var full = await BoundsAsync(page);
        var enter = page.Locator("[data-act=enter-ar]");
        await enter.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await enter.ClickAsync();
        await UntilAsync(page, "window.qyHall.xrMode === 'ar' && window.qyHall.xrViews > 0", 60_000);
        await page.WaitForTimeoutAsync(500);
        await PagesSite.ScreenshotAsync(page, "hall-ar-table-top");
        var model = await BoundsAsync(page);
        var head = await CameraAsync(page);
        // 1:40, on a table (0.75 m), its middle about 1 m before the eyes.
        Assert.InRange(model.Size[0], full.Size[0] / 40 - 0.01, full.Size[0] / 40 + 0.01);
        Assert.InRange(model.Size[2], full.Size[2] / 40 - 0.01, full.Size[2] / 40 + 0.01);
        Assert.True(model.Size[0] < 2 && model.Size[2] < 2, $"a table-top model, not {model.Size[0]:F2} × {model.Size[2]:F2} m");
        Assert.InRange(model.Min[1], 0.74, 0.76);
        Assert.InRange(double.Hypot(model.Centre[0] - head[0], model.Centre[2] - head[2]), 0.9, 1.1);
        Assert.True(model.Centre[2] < head[2], "in front of the eyes (−z)");
        // Leaving AR gives the hall back its own size.
        await page.EvaluateAsync("window.qyXrDevice.activeSession.end()");
        await UntilAsync(page, "window.qyHall.xrMode === null");
        Assert.InRange((await BoundsAsync(page)).Size[0], full.Size[0] - 0.01, full.Size[0] + 0.01);
        await page.Context.CloseAsync();
    }

    private sealed record Bounds(double[] Min, double[] Max)
    {
        public double[] Size => [Max[0] - Min[0], Max[1] - Min[1], Max[2] - Min[2]];
        public double[] Centre => [(Max[0] + Min[0]) / 2, (Max[1] + Min[1]) / 2, (Max[2] + Min[2]) / 2];
    }

    private static async Task<Bounds> BoundsAsync(IPage page)
    {
        var b = JsonDocument.Parse(await page.EvaluateAsync<string>("JSON.stringify(window.qyHall.hallBounds())")).RootElement;
        double[] Read(string p) => [.. b.GetProperty(p).EnumerateArray().Select(e => e.GetDouble())];
        return new Bounds(Read("min"), Read("max"));
    }

    [Fact]
    public async Task On_a_390_px_touch_phone_a_drag_looks_round_a_tap_on_the_floor_walks_and_a_tap_on_a_picture_opens_it()
    {
        var page = await site.NewPageAsync(390, 844, touch: true);
        await page.GotoAsync(site.Url(HallPath));
        await UntilAsync(page, "window.qyHall && window.qyHall.state === 'ready'", 120_000);
        var canvas = page.Locator("#hall canvas");
        await canvas.ScrollIntoViewIfNeededAsync();
        var box = (await canvas.BoundingBoxAsync())!;
        Assert.True(box.Width <= 390);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        Task Touch(string type, params (double X, double Y)[] points) => cdp.SendAsync("Input.dispatchTouchEvent", new()
        {
            ["type"] = type,
            ["touchPoints"] = points.Select(p => new Dictionary<string, object> { ["x"] = p.X, ["y"] = p.Y }).ToArray(),
        });

        // A drag across the picture turns the view; the visitor stays where they stand.
        var before = await HeadAsync(page);
        var (cx, cy) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        await Touch("touchStart", (cx - 60, cy));
        for (var i = 1; i <= 6; i++) await Touch("touchMove", (cx - 60 + 20 * i, cy));
        await Touch("touchEnd");
        await page.WaitForTimeoutAsync(300);
        var looked = await HeadAsync(page);
        Assert.True(Math.Abs(Turned(before.Heading, looked.Heading)) > 20, $"a 120 px drag turned the view {Turned(before.Heading, looked.Heading):F1}°");
        Assert.InRange(double.Hypot(looked.X - before.X, looked.Z - before.Z), 0, 0.01);

        // A tap on the floor near the bottom of the view walks there (through a fade), onto free floor.
        await page.EvaluateAsync($"window.qyHall.goToStop({await page.EvaluateAsync<int>("window.qyHall.stopOf('zhen')")})");
        await page.WaitForTimeoutAsync(800);
        await page.EvaluateAsync("window.qyHall.standBefore('gorge', 3.5)"); // back from the wall, the floor before it in view
        await page.WaitForTimeoutAsync(300);
        await PagesSite.ScreenshotAsync(page, "hall-touch-before-tap");
        var standing = await HeadAsync(page);
        await page.Touchscreen.TapAsync((float)cx, (float)(box.Y + box.Height * 0.92));
        await UntilAsync(page, $"Math.hypot(window.qyHall.camera[0] - ({standing.X}), window.qyHall.camera[2] - ({standing.Z})) > 0.5", 10_000);
        await page.WaitForTimeoutAsync(500);
        var walked = await HeadAsync(page);
        Assert.True(await WalkableAsync(page, walked.X, walked.Z));
        Assert.InRange(double.Hypot(walked.X - standing.X, walked.Z - standing.Z), 0.5, 3.5);

        // A tap on the picture before the visitor opens its panel with the way to the reading room.
        await page.EvaluateAsync("window.qyHall.standBefore('gorge', 1.5)");
        await page.WaitForTimeoutAsync(300);
        await page.Touchscreen.TapAsync((float)cx, (float)cy);
        var panel = page.Locator(".hall-panel");
        await panel.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Contains("溱水南入湞陽县", await panel.InnerTextAsync());
        Assert.Equal("/items/QY-RB-008/p/1", new Uri(await panel.Locator("a").GetAttributeAsync("href") ?? "").AbsolutePath);
        await PagesSite.ScreenshotAsync(page, "hall-touch-panel");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task After_one_visit_the_hall_opens_and_draws_offline()
    {
        var page = await OpenHallAsync();
        // The service worker takes charge and keeps what the first visit loaded.
        await UntilAsync(page, "navigator.serviceWorker.controller !== null", 60_000);
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(300))
        {
            var kept = await page.EvaluateAsync<string[]>("caches.open('qy-halls-1').then((c) => c.keys()).then((k) => k.map((r) => new URL(r.url).pathname))");
            if (kept.Any(k => k.EndsWith(".glb")) && kept.Contains(HallPath) && kept.Any(k => k.StartsWith("/dist/hall-"))) break;
            Assert.True(DateTime.UtcNow < deadline, "kept for offline: " + string.Join(", ", kept));
        }
        await page.Context.SetOfflineAsync(true);
        // Offline for the worker too: what it never kept does not load.
        Assert.False(await page.EvaluateAsync<bool>("fetch('/halls/never-visited').then(() => true, () => false)"));
        await page.ReloadAsync();
        await UntilAsync(page, "window.qyHall && window.qyHall.state !== 'loading'", 120_000);
        Assert.Equal("ready", await page.EvaluateAsync<string>("window.qyHall.state"));
        var stop = await page.EvaluateAsync<int>("window.qyHall.stopOf('gorge')");
        await page.EvaluateAsync($"window.qyHall.goToStop({stop})");
        await page.WaitForTimeoutAsync(800);
        await PagesSite.ScreenshotAsync(page, "hall-offline");
        Assert.InRange(await page.EvaluateAsync<int>("window.qyHall.drawCalls"), 2, DrawCallBudget); // qy-hall/2: the building and an atlas page at least
        Assert.Contains("gorge", await page.EvaluateAsync<string[]>("window.qyHall.visibleExhibits()"));
        await page.Context.SetOfflineAsync(false);
        await page.Context.CloseAsync();
    }
}
