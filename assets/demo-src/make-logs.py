#!/usr/bin/env python3
"""Regenerate the demo incident logs in assets/demo/ (python3 stdlib only).

    python3 assets/demo-src/make-logs.py [OUT_DIR]

Writes kiosk-client.log, kern.log, supervisord.log and backend.log. The RNG
is seeded, so the output is byte-identical on every run. goroutines.txt is
made separately by make-dump.sh (it must come from a real Go runtime).

The story (all times UTC, see assets/demo-src/README.md):

  2026-11-19 14:30:55  kiosk-07 boots; supervisord starts kiosk-client.
  2026-11-20 13:58:01  kiosk-client 4.12.1 deployed: restarted as pid 2211.
  14:12:31             short Wi-Fi roam: websocket drops and reconnects fine.
  14:20:00             playlist rev 42 pushed to every kiosk.
  14:30:58             Wi-Fi beacon loss on kiosk-07, websocket closed.
  14:31:06.934         wlan0 back, client re-establishes the websocket and
                       re-uploads 187 MiB of textures...
  14:31:07.219         ...last line from kiosk-client. The GPU hangs
                       (kern.log, same second), the context is reset, and the
                       render thread never recovers; heartbeat and network
                       threads block behind it. The process stays RUNNING.
  14:31:09             backend's push hub wedges on kiosk-07's full socket
                       (see goroutines.txt, dumped via pprof at 14:35:20).
  14:43:12             operator restarts kiosk-client; SIGTERM is ignored,
                       SIGKILL at 14:43:22; the new process recovers and the
                       backend's push queue drains.
"""

import datetime as dt
import os
import random
import sys

UTC = dt.timezone.utc
SEED = 20261120


def T(s):
    """'2026-11-20 14:31:07.219' -> epoch milliseconds (UTC)."""
    fmt = "%Y-%m-%d %H:%M:%S.%f" if "." in s else "%Y-%m-%d %H:%M:%S"
    d = dt.datetime.strptime(s, fmt).replace(tzinfo=UTC)
    return int(d.timestamp() * 1000)


def day(hms):
    return T("2026-11-20 " + hms)


def utc(ms):
    return dt.datetime.fromtimestamp(ms / 1000, UTC)


# ----------------------------------------------------------------- timeline
BOOT = T("2026-11-19 14:30:55")
DEPLOY = day("13:58:01.112")  # supervisord spawns kiosk-client pid 2211
CLIENT_PID = 2211
ROAM = day("14:12:31.402")  # harmless Wi-Fi roam, websocket reconnects
PLAYLIST42 = day("14:20:00.000")
LINK_LOST = day("14:30:58.614")
LINK_BACK = day("14:31:06.934")
WS_CONNECT_BACKEND = day("14:31:07.201")
LAST_LINE = day("14:31:07.219")
GPU_HANG = day("14:31:07.331")
HUB_WEDGED = day("14:31:09.050")
DUMP = day("14:35:20.377")
RESTART_CMD = day("14:43:12.406")
SIGKILL = day("14:43:22.419")
RESPAWN = day("14:43:23.425")
END = day("14:50:00.000")
BACKEND_START = day("13:55:00.000")

KIOSKS = [f"kiosk-{i:02d}" for i in range(1, 25)]
KIOSK_IPS = {k: f"203.0.113.{40 + i}" for i, k in enumerate(KIOSKS)}
BACKEND_ADDR = "10.0.2.15:443"


class Log:
    """Records (time ms, insertion order, text) sorted stably on write."""

    def __init__(self):
        self.items = []

    def add(self, ms, text):
        self.items.append((ms, len(self.items), text))

    def write(self, path):
        self.items.sort()
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for _, _, text in self.items:
                f.write(text if text.endswith("\n") else text + "\n")
        return sum(t.count("\n") + (0 if t.endswith("\n") else 1) for _, _, t in self.items)


# ----------------------------------------------------------------- kiosk-client.log
def iso_space(ms):
    d = utc(ms)
    return d.strftime("%Y-%m-%d %H:%M:%S.") + f"{d.microsecond // 1000:03d}"


PLAYLIST = [
    ("winter-sale-1080p.mp4", 12),
    ("station-map-de.png", 20),
    ("station-map-en.png", 20),
    ("departures-widget.html", 30),
    ("cafe-promo-01.mp4", 15),
    ("lost-and-found.png", 10),
    ("accessibility-info.png", 15),
    ("bike-rental-ad.mp4", 18),
    ("weather-widget.html", 20),
    ("museum-week.mp4", 24),
    ("emergency-exits.png", 10),
    ("ticket-machines.png", 12),
    ("city-tour-ad.mp4", 20),
    ("wifi-howto.png", 12),
]
TOUCH_TARGETS = ["Directions", "Departures", "Tickets", "Language: EN", "Help", "Map zoom +"]

JAVA_EOF_TRACE = (
    "java.io.EOFException: websocket closed abnormally (code 1006, no close frame)\n"
    "\tat com.kioskco.client.net.PushSocket.readFrame(PushSocket.java:214)\n"
    "\tat com.kioskco.client.net.PushSocket.lambda$start$2(PushSocket.java:131)\n"
    "\tat java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)\n"
    "\tat java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)\n"
    "\tat java.base/java.lang.Thread.run(Thread.java:840)"
)
DECODER_TRACE = (
    "com.kioskco.media.DecoderException: vaapi: cannot allocate surface for 1920x1080 NV12\n"
    "\tat com.kioskco.media.VaapiDecoder.allocSurfaces(VaapiDecoder.java:377)\n"
    "\tat com.kioskco.media.VaapiDecoder.configure(VaapiDecoder.java:142)\n"
    "\tat com.kioskco.media.DecoderPool.acquire(DecoderPool.java:88)\n"
    "\tat com.kioskco.client.player.VideoItem.prepare(VideoItem.java:61)\n"
    "\tat com.kioskco.client.player.PlaylistPlayer.advance(PlaylistPlayer.java:203)\n"
    "\tat com.kioskco.client.player.PlaylistPlayer.run(PlaylistPlayer.java:119)\n"
    "\tat java.base/java.lang.Thread.run(Thread.java:840)\n"
    "Caused by: com.kioskco.media.NativeError: vaCreateSurfaces returned VA_STATUS_ERROR_ALLOCATION_FAILED (0x00000003)\n"
    "\tat com.kioskco.media.NativeVa.createSurfaces(Native Method)\n"
    "\tat com.kioskco.media.VaapiDecoder.allocSurfaces(VaapiDecoder.java:369)\n"
    "\t... 5 more"
)


NET_DOWN = [(ROAM, ROAM + 2_900), (LINK_LOST, LINK_BACK + 270)]
FIRST_FRAME = {}


def net_down(ms):
    return any(lo <= ms < hi for lo, hi in NET_DOWN)


def client_session(log, rng, start, stop, pid, rev, backend, clean_start):
    """One kiosk-client process lifetime (lines in [start, stop))."""
    L = log.add

    def line(ms, level, thread, msg):
        L(ms, f"{iso_space(ms)} {level} [{thread}] {msg}")

    t = start + 290
    line(t, "INFO", "main", f"kiosk-client 4.12.1 (build 8f2c1e0, java 17.0.9+9) starting, pid {pid}")
    line(t + 3, "INFO", "main", "config loaded from /etc/kiosk/client.toml (kiosk_id=kiosk-07, site=berlin-hbf-3)")
    if not clean_start:
        line(t + 5, "WARN", "main", "previous run ended without a shutdown marker; sending crash report")
    line(t + 169, "INFO", "render", "display eDP-1 1920x1080@60Hz, GL renderer: Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6")
    line(t + 200, "INFO", "net", "wlan0 up: 10.20.7.107/24 via 10.20.7.1, ssid KIOSK-NET, bssid 3c:84:6a:1f:22:90")
    ws = t + 462
    sess = f"{rng.getrandbits(24):06x}"
    backend.ws_connect(ws - 8, "kiosk-07", sess)
    line(ws, "INFO", "net", f"websocket connected to wss://push.kioskco.example/v1/stream (session {sess})")
    backend.push(ws + 22, "kiosk-07", "playlist", rev)
    line(ws + 30, "INFO", "player", f"playlist rev {rev} received: {len(PLAYLIST)} items")
    line(ws + 140, "INFO", "render", f"uploading textures for playlist rev {rev} ({len(PLAYLIST)} textures, 187 MiB)")
    line(ws + 781, "INFO", "render", "texture upload done in 641ms")
    t0 = ws + 820  # first frame
    FIRST_FRAME[pid] = t0
    hb_seq = 1

    # render: a sample line twice a second; occasional jank
    frame, t = 1, t0
    while t < stop:
        if (t - t0) % 7 == 0 and rng.random() < 0.01:
            line(t, "WARN", "render", f"frame {frame} took {rng.choice([34, 41, 48, 52])}ms (budget 16ms), dropped {rng.randint(1, 3)}")
        else:
            line(t, "INFO", "render", f"frame {frame} presented in {rng.choice([16, 16, 16, 16, 17, 17, 15])}ms")
        step = 500 + rng.randint(-20, 20)
        frame += step * 60 // 1000
        t += step

    # render: texture cache stats every ~10s, pressure creeping up after rev 42
    t = t0 + 5_000
    while t < stop:
        used = 150 + rng.randint(0, 40) + (60 if t > PLAYLIST42 else 0)
        used = min(used, 251)
        level = "WARN" if used > 240 else "DEBUG"
        note = " (near limit)" if used > 240 else ""
        line(t, level, "render", f"texture cache {used}/256 MiB, {rng.randint(30, 42)} entries{note}")
        t += 10_000 + rng.randint(-500, 500)

    # player: items back to back
    t, idx = t0 + 15, 0
    while t < stop:
        name, secs = PLAYLIST[idx % len(PLAYLIST)]
        line(t, "INFO", "player", f"playing item {idx % len(PLAYLIST) + 1}/{len(PLAYLIST)} '{name}' ({secs}s)")
        if name.endswith(".mp4"):
            line(t + 4, "DEBUG", "player", f"decoder h264 1920x1080 hw=vaapi, {rng.randint(18, 40)} buffered frames")
        t += secs * 1000 + rng.randint(5, 60)
        idx += 1

    # net: ping every 5s, signal every 20s
    t = t0 + 2_500
    while t < stop:
        rtt = rng.randint(18, 60)
        if net_down(t):
            pass
        elif rng.random() < 0.01:
            line(t, "WARN", "net", f"websocket ping rtt={rng.randint(600, 1400)}ms (slow)")
        else:
            line(t, "DEBUG", "net", f"websocket ping rtt={rtt}ms")
        t += 5_000 + rng.randint(-100, 100)
    t = t0 + 7_000
    while t < stop:
        weak = LINK_LOST - 180_000 < t < LINK_LOST
        dbm = rng.randint(-80, -74) if weak else rng.randint(-66, -58)
        lvl = "WARN" if dbm <= -75 else "DEBUG"
        if not net_down(t):
            line(t, lvl, "net", f"wlan0 signal {dbm} dBm, tx bitrate {rng.choice(['144.4', '130.0', '115.6', '86.7'])} MBit/s")
        t += 20_000 + rng.randint(-300, 300)

    # heartbeat every 30s (backend logs it ~40ms later), telemetry every 60s
    t = t0 + 3_000
    n = 0
    while t < stop:
        item = rng.randint(1, len(PLAYLIST))
        rtt = rng.randint(28, 70)
        if net_down(t):
            line(t, "ERROR", "heartbeat", f"heartbeat seq={hb_seq} failed: java.net.NoRouteToHostException: No route to host (will retry)")
            hb_seq += 1
            n += 1
            t += 30_000 + rng.randint(-40, 40)
            continue
        line(t, "INFO", "heartbeat", f"heartbeat seq={hb_seq} sent (fps=60, item={item}/{len(PLAYLIST)}, temp={rng.randint(49, 57)}C) rtt={rtt}ms")
        backend.heartbeat(t + rtt // 2, "kiosk-07", hb_seq)
        hb_seq += 1
        if n % 2 == 1:
            cpu, gpu = rng.randint(14, 31), rng.randint(35, 55)
            line(t + 12, "DEBUG", "heartbeat", f"telemetry posted: cpu={cpu}% gpu={gpu}% mem={rng.randint(590, 640)}MiB")
            backend.telemetry(t + 12 + rtt // 2, "kiosk-07", cpu, gpu)
        n += 1
        t += 30_000 + rng.randint(-40, 40)

    # input: somebody touches the screen now and then
    t = t0 + rng.randint(20_000, 90_000)
    while t < stop:
        target = rng.choice(TOUCH_TARGETS)
        line(t, "INFO", "input", f"touch ({rng.randint(40, 1880)},{rng.randint(40, 1040)}) -> '{target}'")
        line(t + 18, "DEBUG", "ui", f"screen '{target}' opened")
        line(t + 30_000 + rng.randint(0, 200), "DEBUG", "ui", "idle timeout, back to playlist")
        t += rng.randint(45_000, 240_000)
    log.items = [it for it in log.items if it[0] < stop]


def client_incidents(log, rng, backend):
    def line(ms, level, thread, msg):
        log.add(ms, f"{iso_space(ms)} {level} [{thread}] {msg}")

    # 14:12:31 harmless roam: websocket drops, reconnects in ~3s
    line(ROAM + 12, "WARN", "net", "websocket closed abnormally, reconnecting in 2s\n" + JAVA_EOF_TRACE)
    backend.ws_disconnect(ROAM + 5, "kiosk-07", f"read tcp {BACKEND_ADDR}->{backend.peer('kiosk-07')}: read: connection reset by peer")
    line(ROAM + 2_650, "INFO", "net", "wlan0 reconnected (bssid 3c:84:6a:1f:22:94), re-establishing websocket")
    backend.ws_connect(ROAM + 2_901, "kiosk-07", "8c04e1")
    line(ROAM + 2_909, "INFO", "net", "websocket connected to wss://push.kioskco.example/v1/stream (session 8c04e1)")
    line(ROAM + 2_915, "INFO", "player", "playlist rev 41 unchanged, no texture upload needed")

    # 14:20 playlist rev 42 arrives by push; decoder hiccup a bit later
    line(PLAYLIST42 + 61, "INFO", "player", f"playlist rev 42 received: {len(PLAYLIST)} items")
    line(PLAYLIST42 + 170, "INFO", "render", f"uploading textures for playlist rev 42 ({len(PLAYLIST)} textures, 187 MiB)")
    line(PLAYLIST42 + 1_012, "INFO", "render", "texture upload done in 842ms")
    t = day("14:20:41.733")
    line(t, "WARN", "player", "hardware decoder unavailable for 'museum-week.mp4', falling back to software\n" + DECODER_TRACE)
    line(t + 95, "INFO", "player", "decoder h264 1920x1080 hw=none (software), 12 buffered frames")
    jank = day("14:26:40.118")
    frame = (jank - FIRST_FRAME[CLIENT_PID]) * 60 // 1000
    line(jank, "WARN", "render", f"frame {frame} took 66ms (budget 16ms), dropped 3")

    # 14:30:58 link lost
    line(LINK_LOST + 9, "WARN", "net", "wlan0 link lost (beacon loss from 3c:84:6a:1f:22:94)")
    line(LINK_LOST + 21, "WARN", "net", "websocket closed abnormally, reconnecting in 2s\n" + JAVA_EOF_TRACE)
    for k, dt_ms in enumerate((2_030, 4_061, 6_090)):
        line(LINK_LOST + dt_ms, "WARN", "net", f"websocket connect attempt {k + 1} failed: java.net.NoRouteToHostException: No route to host")
    line(LINK_BACK, "INFO", "net", "wlan0 reconnected, re-establishing websocket")
    line(day("14:31:07.209"), "INFO", "net", "websocket connected to wss://push.kioskco.example/v1/stream (session 5c1e9a)")
    line(day("14:31:07.213"), "INFO", "player", "playlist rev 42 resync after reconnect: 14 items")
    line(LAST_LINE, "INFO", "render", "uploading textures for playlist rev 42 (14 textures, 187 MiB)")


# ----------------------------------------------------------------- backend.log
def iso_z(ms):
    return utc(ms).strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def jq(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Backend:
    def __init__(self, rng):
        self.log = Log()
        self.rng = rng
        self.seq = 5210
        self.push_paused = []  # (ms, client, topic, rev) held while the hub is wedged
        self.ports = {}

    def peer(self, client):
        return f"{KIOSK_IPS[client]}:{self.ports.get(client, 50712)}"

    def rec(self, ms, level, msg, **fields):
        parts = [f'"time":{jq(iso_z(ms))}', f'"level":{jq(level)}', f'"msg":{jq(msg)}']
        for k, v in fields.items():
            parts.append(f'"{k}":' + (jq(v) if isinstance(v, str) else str(v)))
        self.log.add(ms, "{" + ",".join(parts) + "}")

    def wedged(self, ms):
        return HUB_WEDGED <= ms < SIGKILL + 40

    def ws_connect(self, ms, client, session):
        self.ports[client] = self.rng.randint(40000, 60999)
        self.rec(ms, "INFO", "ws connect", component="ws", client=client, session=session,
                 remote=self.peer(client), proto="push.v3")

    def ws_disconnect(self, ms, client, err):
        self.rec(ms, "WARN", "ws disconnect", component="ws", client=client, err=err)

    def push(self, ms, client, topic, rev):
        if self.wedged(ms):
            self.push_paused.append((ms, client, topic, rev))
            return
        self.rec(ms, "INFO", "push delivered", component="push", client=client, topic=topic,
                 rev=rev, seq=-1, queue_ms=self.rng.randint(0, 4))

    def heartbeat(self, ms, client, seq):
        self.rec(ms, "INFO", "heartbeat", component="api", client=client, seq=seq,
                 fw=self.fw(client, ms), fps=60)

    def fw(self, client, ms):
        if client == "kiosk-07":
            return "4.12.1" if ms > DEPLOY else "4.11.3"
        return "4.11.3" if int(client[-2:]) % 5 == 0 else "4.12.1"

    def telemetry(self, ms, client, cpu, gpu):
        self.rec(ms, "INFO", "http request", component="api", method="POST", path="/v1/telemetry",
                 status=204, dur_ms=self.rng.randint(2, 14), client=client, cpu=cpu, gpu=gpu)


def backend_traffic(b, rng):
    # Other kiosks: heartbeats every 30s, telemetry every 60s, from start to end.
    for k in KIOSKS:
        if k == "kiosk-07":
            continue
        t = BACKEND_START + rng.randint(0, 29_999)
        seq = rng.randint(800, 4000)
        n = 0
        while t < END:
            b.heartbeat(t, k, seq)
            if n % 2 == 0:
                b.telemetry(t + rng.randint(8, 30), k, rng.randint(10, 35), rng.randint(30, 60))
            seq += 1
            n += 1
            t += 30_000 + rng.randint(-60, 60)

    # kiosk-07 before the 13:58 deploy (old process pid 1187)
    t = BACKEND_START + 11_210
    seq = 2_871
    while t < DEPLOY - 2_000:
        b.heartbeat(t, "kiosk-07", seq)
        seq += 1
        t += 30_000
    b.ws_disconnect(DEPLOY - 1_130, "kiosk-07", "websocket: close 1001 (going away): client shutting down")

    # playlist fetches, CMS edits, pushes
    t = BACKEND_START + 4_000
    while t < END:
        k = rng.choice(KIOSKS)
        kind = rng.random()
        if kind < 0.55:
            b.rec(t, "INFO", "http request", component="api", method="GET", path=f"/v1/playlist/{k}",
                  status=rng.choice([200, 200, 200, 304]), dur_ms=rng.randint(3, 40), client=k)
        elif kind < 0.75:
            b.rec(t, "INFO", "http request", component="api", method="GET", path=f"/v1/assets/{rng.getrandbits(32):08x}",
                  status=200, dur_ms=rng.randint(20, 400), client=k, bytes=rng.randint(200_000, 14_000_000))
        elif kind < 0.95:
            dur = rng.randint(2, 9)
            if b.wedged(t):
                b.push_paused.append((t, k, "banner", 0))
            else:
                b.rec(t, "INFO", "http request", component="api", method="POST", path="/v1/push", status=202,
                      dur_ms=dur, client=k, topic="banner", caller="cms")
                b.push(t + dur, k, "banner", 0)
        else:
            b.rec(t, "WARN", "http request", component="api", method="GET", path=f"/v1/playlist/{k}",
                  status=rng.choice([429, 499, 503]), dur_ms=rng.randint(100, 3000), client=k)
        t += rng.randint(1_500, 4_500)

    # 14:20 playlist rev 42 to everybody
    for i, k in enumerate(KIOSKS):
        b.push(PLAYLIST42 + 20 + i * 2, k, "playlist", 42)
    b.rec(PLAYLIST42 - 310, "INFO", "playlist published", component="cms", rev=42, items=14, kiosks=len(KIOSKS), user="m.keller")

    # a few other kiosks blip too (the station Wi-Fi is busy)
    for ms, k in ((day("14:07:44.310"), "kiosk-15"), (day("14:38:02.776"), "kiosk-19"), (day("14:46:51.095"), "kiosk-03")):
        b.ws_disconnect(ms, k, "websocket: close 1006 (abnormal closure): unexpected EOF")
        if b.wedged(ms + 3_100):
            b.push_paused.append((ms + 3_120, k, "playlist", 42))
            b.ws_connect(ms + 3_100, k, f"{rng.getrandbits(24):06x}")
        else:
            b.ws_connect(ms + 3_100, k, f"{rng.getrandbits(24):06x}")
            b.push(ms + 3_120, k, "playlist", 41 if ms < PLAYLIST42 else 42)


def backend_incident(b, rng):
    b.ws_disconnect(LINK_LOST + 2, "kiosk-07",
                    f"read tcp {BACKEND_ADDR}->{b.peer('kiosk-07')}: read: connection timed out")
    b.ws_connect(WS_CONNECT_BACKEND, "kiosk-07", "5c1e9a")
    # the resync push is queued to kiosk-07's session but never read
    b.push(day("14:31:07.240"), "kiosk-07", "playlist", 42)
    b.rec(HUB_WEDGED + 1_950, "DEBUG", "session send buffer full", component="push", client="kiosk-07",
          buffered=8, socket_sndq_bytes=2_621_440)
    # backlog warnings while wedged
    t = HUB_WEDGED + 30_000
    while t < SIGKILL:
        queued = sum(1 for p in b.push_paused if p[0] <= t)
        b.rec(t, "WARN", "push queue backlog", component="push", queued=queued,
              oldest_ms=t - HUB_WEDGED, workers_busy=8)
        t += 30_000
    # operator grabs a goroutine dump
    b.rec(DUMP, "INFO", "http request", component="debug", method="GET", path="/debug/pprof/goroutine",
          query="debug=2", status=200, dur_ms=38, remote="10.0.3.14:51990", bytes=61_473)
    # SIGKILL on the kiosk: RST frees the hub
    b.rec(SIGKILL + 31, "ERROR", "ws write failed", component="push", client="kiosk-07",
          err=f"write tcp {BACKEND_ADDR}->{b.peer('kiosk-07')}: write: connection reset by peer")
    b.ws_disconnect(SIGKILL + 33, "kiosk-07", "write: connection reset by peer")
    paused = sorted(b.push_paused)
    b.push_paused = []
    b.rec(SIGKILL + 36, "INFO", "push queue drained", component="push", delivered=len(paused),
          stalled_ms=SIGKILL + 36 - HUB_WEDGED)
    t = SIGKILL + 40
    for ms, k, topic, rev in paused:
        t += rng.randint(1, 6)
        if topic == "banner":
            b.rec(t, "INFO", "http request", component="api", method="POST", path="/v1/push", status=202,
                  dur_ms=t - ms, client=k, topic="banner", caller="cms")
        if k == "kiosk-07":
            b.rec(t + 1, "WARN", "push dropped", component="push", client=k, topic=topic, reason="client not connected")
        else:
            b.push(t + 1, k, topic, rev)


# ----------------------------------------------------------------- kern.log
def rfc3164(ms):
    d = utc(ms)
    return f"{d.strftime('%b')} {d.day:2d} {d.strftime('%H:%M:%S')}"


class Kern:
    def __init__(self):
        self.log = Log()

    def k(self, ms, msg, up_us=None):
        """One kernel line; up_us is the absolute uptime in µs if given."""
        up = up_us if up_us is not None else (ms - BOOT) * 1000 + (ms * 7919) % 1000
        self.log.add(ms, f"{rfc3164(ms)} kiosk-07 kernel: [{up // 1_000_000:5d}.{up % 1_000_000:06d}] {msg}")


BOOT_LINES = [
    "Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)",
    "Command line: BOOT_IMAGE=/boot/vmlinuz-6.1.0-18-amd64 root=UUID=5b1f0c7e-2f4a-4d3b-9a61-0c2e7d1f9b42 ro quiet splash i915.enable_psr=0",
    "BIOS-provided physical RAM map:",
    "BIOS-e820: [mem 0x0000000000000000-0x000000000009efff] usable",
    "BIOS-e820: [mem 0x000000000009f000-0x00000000000fffff] reserved",
    "BIOS-e820: [mem 0x0000000000100000-0x0000000079e4cfff] usable",
    "BIOS-e820: [mem 0x0000000079e4d000-0x000000007a5a4fff] reserved",
    "BIOS-e820: [mem 0x000000007a5a5000-0x000000007a61dfff] ACPI data",
    "BIOS-e820: [mem 0x000000007a61e000-0x000000007ad1cfff] ACPI NVS",
    "BIOS-e820: [mem 0x0000000100000000-0x000000027fffffff] usable",
    "NX (Execute Disable) protection: active",
    "DMI: Intel(R) Client Systems NUC8i5BEH/NUC8BEB, BIOS BECFL357.86A.0092.2023.0214.1114 02/14/2023",
    "tsc: Detected 1600.000 MHz processor",
    "ACPI: RSDP 0x00000000000F05B0 000024 (v02 INTEL )",
    "ACPI: XSDT 0x000000007A5D8188 0000DC (v01 INTEL  NUC8i5BE 0000005C AMI  00010013)",
    "ACPI: FACP 0x000000007A6151C8 000114 (v06 INTEL  NUC8i5BE 0000005C AMI  00010013)",
    "ACPI: DSDT 0x000000007A5D8328 03CE9B (v02 INTEL  NUC8i5BE 0000005C INTL 20160527)",
    "ACPI: DMAR 0x000000007A61A5E0 0000A8 (v01 INTEL  NUC8i5BE 0000005C      01000013)",
    "Zone ranges:",
    "  DMA      [mem 0x0000000000001000-0x0000000000ffffff]",
    "  DMA32    [mem 0x0000000001000000-0x00000000ffffffff]",
    "  Normal   [mem 0x0000000100000000-0x000000027fffffff]",
    "smpboot: Allowing 8 CPUs, 0 hotplug CPUs",
    "Built 1 zonelists, mobility grouping on.  Total pages: 2033264",
    "Memory: 7893212K/8262180K available (14342K kernel code, 2336K rwdata, 9028K rodata, 2796K init, 17508K bss, 368708K reserved, 0K cma-reserved)",
    "rcu: Preemptible hierarchical RCU implementation.",
    "NR_IRQS: 524544, nr_irqs: 2048, preallocated irqs: 16",
    "Console: colour dummy device 80x25",
    "printk: console [tty0] enabled",
    "Calibrating delay loop (skipped), value calculated using timer frequency.. 3199.92 BogoMIPS (lpj=6399840)",
    "x86/cpu: SGX disabled by BIOS.",
    "smpboot: CPU0: Intel(R) Core(TM) i5-8259U CPU @ 2.30GHz (family: 0x6, model: 0x8e, stepping: 0xa)",
]


def kern_log(rng):
    kn = Kern()
    t = BOOT
    for i, msg in enumerate(BOOT_LINES):
        kn.k(t, msg, up_us=i * 1_377)
    up = len(BOOT_LINES) * 1_377
    for cpu in range(1, 8):
        up += 41_000 + rng.randint(0, 9_000)
        kn.k(BOOT, f"smpboot: Booting Node 0 Processor {cpu} APIC 0x{cpu:x}", up_us=up)
    pci = [
        ("00:00.0", "8086:3ed0", "0x060000"), ("00:02.0", "8086:3ea5", "0x030000"),
        ("00:08.0", "8086:1911", "0x088000"), ("00:12.0", "8086:9def", "0x118000"),
        ("00:14.0", "8086:9ded", "0x0c0330"), ("00:14.2", "8086:9def", "0x050000"),
        ("00:14.3", "8086:9df0", "0x028000"), ("00:16.0", "8086:9de0", "0x078000"),
        ("00:17.0", "8086:9dd3", "0x010601"), ("00:1c.0", "8086:9db8", "0x060400"),
        ("00:1d.0", "8086:9db0", "0x060400"), ("00:1f.0", "8086:9d84", "0x060100"),
        ("00:1f.3", "8086:9dc8", "0x040380"), ("00:1f.4", "8086:9da3", "0x0c0500"),
        ("00:1f.5", "8086:9da4", "0x0c8000"), ("00:1f.6", "8086:15be", "0x020000"),
        ("3a:00.0", "144d:a808", "0x010802"),
    ]
    up = 210_000
    for addr, ids, cls in pci:
        up += rng.randint(200, 900)
        kn.k(BOOT, f"pci 0000:{addr}: [{ids}] type {'01' if cls == '0x060400' else '00'} class {cls}", up_us=up)
        for bar in range(rng.randint(0, 2)):
            up += rng.randint(50, 200)
            kn.k(BOOT, f"pci 0000:{addr}: reg 0x{0x10 + 8 * bar:x}: [mem 0x{0xa0000000 + rng.getrandbits(24) * 16:08x}-0x{0xa0000000 + rng.getrandbits(24) * 16 + 0xfff:08x} 64bit]", up_us=up)
    for grp, (addr, _, _) in enumerate(pci):
        up += rng.randint(100, 400)
        kn.k(BOOT, f"pci 0000:{addr}: Adding to iommu group {grp}", up_us=up)
    later = [
        (1, "ACPI: Added _OSI(Linux-Dell-Video)"),
        (1, "pci 0000:00:02.0: vgaarb: setting as boot VGA device"),
        (1, "clocksource: Switched to clocksource tsc-early"),
        (1, "NET: Registered PF_INET protocol family"),
        (1, "Initialise system trusted keyrings"),
        (1, "usbcore: registered new interface driver usbfs"),
        (1, "Freeing unused kernel image (initmem) memory: 2796K"),
        (1, "Run /init as init process"),
        (2, "xhci_hcd 0000:00:14.0: xHCI Host Controller"),
        (2, "xhci_hcd 0000:00:14.0: new USB bus registered, assigned bus number 1"),
        (2, "usb usb1: New USB device found, idVendor=1d6b, idProduct=0002, bcdDevice= 6.01"),
        (2, "hub 1-0:1.0: 12 ports detected"),
        (2, "nvme nvme0: pci function 0000:3a:00.0"),
        (2, "nvme nvme0: 4/0/0 default/read/poll queues"),
        (2, " nvme0n1: p1 p2 p3"),
        (2, "usb 1-2: new full-speed USB device number 2 using xhci_hcd"),
        (2, "usb 1-2: New USB device found, idVendor=0eef, idProduct=c002, bcdDevice= 1.00"),
        (2, "usb 1-2: Product: eGalaxTouch P80H84 2216 v00_T1 k4.10.143"),
        (2, "input: eGalaxTouch P80H84 2216 v00_T1 k4.10.143 as /devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/0003:0EEF:C002.0001/input/input7"),
        (2, "hid-multitouch 0003:0EEF:C002.0001: input,hiddev0,hidraw0: USB HID v2.10 Pointer [eGalaxTouch P80H84 2216 v00_T1 k4.10.143] on usb-0000:00:14.0-2/input0"),
        (3, "EXT4-fs (nvme0n1p2): mounted filesystem with ordered data mode. Quota mode: none."),
        (4, "systemd[1]: systemd 252.22-1~deb12u1 running in system mode (+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT -GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT +QRENCODE +TPM2 +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified)"),
        (4, "systemd[1]: Hostname set to <kiosk-07>."),
        (4, "EXT4-fs (nvme0n1p2): re-mounted. Quota mode: none."),
        (5, "i915 0000:00:02.0: vgaarb: changed VGA decodes: olddecodes=io+mem,decodes=io+mem:owns=io+mem"),
        (5, "i915 0000:00:02.0: [drm] Finished loading DMC firmware i915/kbl_dmc_ver1_04.bin (v1.4)"),
        (5, "[drm] Initialized i915 1.6.0 20201103 for 0000:00:02.0 on minor 0"),
        (5, "fbcon: i915drmfb (fb0) is primary device"),
        (5, "i915 0000:00:02.0: [drm] fb0: i915drmfb frame buffer device"),
        (5, "iwlwifi 0000:00:14.3: enabling device (0000 -> 0002)"),
        (5, "iwlwifi 0000:00:14.3: api flags index 2 larger than supported by driver"),
        (5, "iwlwifi 0000:00:14.3: loaded firmware version 46.fae53a8b.0 9000-pu-b0-jf-b0-46.ucode op_mode iwlmvm"),
        (6, "iwlwifi 0000:00:14.3: Detected Intel(R) Wireless-AC 9560 160MHz, REV=0x318"),
        (6, "iwlwifi 0000:00:14.3: base HW address 3c:58:c2:7a:10:4e"),
        (6, "snd_hda_intel 0000:00:1f.3: bound 0000:00:02.0 (ops i915_audio_component_bind_ops [i915])"),
        (6, "e1000e 0000:00:1f.6 eth0: (PCI Express:2.5GT/s:Width x1) 94:c6:91:a4:2b:71"),
        (7, f"audit: type=1400 audit({BOOT // 1000 + 7}.484:2): apparmor=\"STATUS\" operation=\"profile_load\" profile=\"unconfined\" name=\"/usr/bin/man\" pid=402 comm=\"apparmor_parser\""),
        (7, f"audit: type=1400 audit({BOOT // 1000 + 7}.488:3): apparmor=\"STATUS\" operation=\"profile_load\" profile=\"unconfined\" name=\"nvidia_modprobe\" pid=403 comm=\"apparmor_parser\""),
        (8, "Bluetooth: Core ver 2.22"),
        (8, "NET: Registered PF_BLUETOOTH protocol family"),
        (9, "bpfilter: Loaded bpfilter_umh pid 566"),
    ]
    for i, (sec, msg) in enumerate(later):
        kn.k(BOOT + sec * 1000 + i * 3, msg, up_us=sec * 1_000_000 + i * 3_117 + 400_000)
    # first association at boot
    assoc(kn, BOOT + 11_200, "3c:84:6a:1f:22:90", rng)

    # runtime noise until END
    t = BOOT + 60_000
    roams = [day("03:12:09.500"), day("07:48:51.220"), day("11:05:33.870")]
    t_roam = T("2026-11-19 19:40:12.300")
    roams.append(t_roam)
    while t < END:
        r = rng.random()
        src = f"10.20.7.{rng.choice([1, 1, 1, 12, 23, 54, 101])}"
        if r < 0.5:
            kn.k(t, f"[UFW BLOCK] IN=wlan0 OUT= MAC=01:00:5e:00:00:01:3c:84:6a:1f:22:90:08:00 SRC={src} DST=224.0.0.1 LEN=36 TOS=0x00 PREC=0xC0 TTL=1 ID=0 DF PROTO=2")
        elif r < 0.8:
            kn.k(t, f"[UFW BLOCK] IN=wlan0 OUT= MAC=01:00:5e:7f:ff:fa:{rng.getrandbits(8):02x}:1d:ab:5c:71:0e:08:00 SRC={src} DST=239.255.255.250 LEN={rng.choice([168, 171, 310])} TOS=0x00 PREC=0x00 TTL=4 ID={rng.randint(1000, 65000)} DF PROTO=UDP SPT={rng.randint(32768, 60999)} DPT=1900 LEN={rng.choice([148, 151, 290])}")
        elif r < 0.97:
            kn.k(t, f"[UFW BLOCK] IN=wlan0 OUT= MAC=3c:58:c2:7a:10:4e:3c:84:6a:1f:22:90:08:00 SRC={rng.randint(60, 200)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)} DST=10.20.7.107 LEN=44 TOS=0x00 PREC=0x00 TTL={rng.randint(40, 250)} ID={rng.randint(1, 65000)} PROTO=TCP SPT={rng.randint(1024, 65000)} DPT={rng.choice([22, 23, 445, 3389, 8080])} WINDOW=1024 RES=0x00 SYN URGP=0")
        else:
            kn.k(t, f"wlan0: Limiting TX power to {rng.choice([20, 23])} ({rng.choice([20, 23])} - 0) dBm as advertised by 3c:84:6a:1f:22:90")
        t += rng.randint(20_000, 110_000)
    for r in roams:
        roam(kn, r, rng)
    kn.k(T("2026-11-20 02:14:40.117"), "usb 1-2: USB disconnect, device number 2")
    kn.k(T("2026-11-20 02:14:41.602"), "usb 1-2: new full-speed USB device number 3 using xhci_hcd")
    kn.k(T("2026-11-20 02:14:41.790"), "usb 1-2: New USB device found, idVendor=0eef, idProduct=c002, bcdDevice= 1.00")
    kn.k(T("2026-11-20 02:14:41.851"), "input: eGalaxTouch P80H84 2216 v00_T1 k4.10.143 as /devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/0003:0EEF:C002.0002/input/input8")
    kn.k(T("2026-11-19 16:02:19.004"), "perf: interrupt took too long (2511 > 2500), lowering kernel.perf_event_max_sample_rate to 79500")
    # the 14:12 roam the client saw
    roam(kn, ROAM - 40, rng, bssid_from="3c:84:6a:1f:22:90", bssid_to="3c:84:6a:1f:22:94")
    # foreshadowing: display pipe underrun
    kn.k(day("14:26:40.071"), "i915 0000:00:02.0: [drm] *ERROR* CPU pipe A FIFO underrun")
    # 14:30:58 beacon loss and reassociation at 14:31:04-06
    kn.k(LINK_LOST - 11, "wlan0: Connection to AP 3c:84:6a:1f:22:94 lost")
    assoc(kn, day("14:31:04.108"), "3c:84:6a:1f:22:90", rng)
    # the GPU hang, the very second the client goes silent
    g = GPU_HANG
    kn.k(g, "i915 0000:00:02.0: [drm] *ERROR* GPU HANG: ecode 9:1:85dffffb, in kiosk-client [2211]", up_us=(g - BOOT) * 1000 + 208)
    kn.k(g, "i915 0000:00:02.0: [drm] Resetting rcs0 for stopped heartbeat on rcs0", up_us=(g - BOOT) * 1000 + 390)
    kn.k(g + 1, "i915 0000:00:02.0: [drm] kiosk-client[2211] context reset due to GPU hang", up_us=(g - BOOT) * 1000 + 1_017)
    kn.k(g + 1, "i915 0000:00:02.0: [drm] GPU crash dump saved to /sys/class/drm/card0/error", up_us=(g - BOOT) * 1000 + 1_044)
    kn.k(g + 1, "i915 0000:00:02.0: [drm] Please file a _new_ bug report at https://gitlab.freedesktop.org/drm/intel/issues/new.", up_us=(g - BOOT) * 1000 + 1_052)
    kn.k(g + 1, "i915 0000:00:02.0: [drm] Drm/i915 developers can then reassign to the right component if it's not a kernel issue.", up_us=(g - BOOT) * 1000 + 1_060)
    kn.k(g + 1, "i915 0000:00:02.0: [drm] The GPU crash dump is required to analyze GPU hangs, so please always attach it.", up_us=(g - BOOT) * 1000 + 1_068)
    return kn.log


def assoc(kn, t, bssid, rng):
    kn.k(t, f"wlan0: authenticate with {bssid}")
    kn.k(t + 12, f"wlan0: send auth to {bssid} (try 1/3)")
    kn.k(t + 31, "wlan0: authenticated")
    kn.k(t + 35, f"wlan0: associate with {bssid} (try 1/3)")
    kn.k(t + 52, f"wlan0: RX AssocResp from {bssid} (capab=0x1431 status=0 aid={rng.randint(2, 30)})")
    kn.k(t + 60, "wlan0: associated")
    kn.k(t + 1_790, "IPv6: ADDRCONF(NETDEV_CHANGE): wlan0: link becomes ready")


def roam(kn, t, rng, bssid_from="3c:84:6a:1f:22:90", bssid_to="3c:84:6a:1f:22:94"):
    kn.k(t, f"wlan0: disconnect from AP {bssid_from} for new auth to {bssid_to}")
    assoc(kn, t + 2_210, bssid_to, rng)


# ----------------------------------------------------------------- supervisord.log
def sup_ts(ms):
    d = utc(ms)
    return d.strftime("%Y-%m-%d %H:%M:%S,") + f"{ms % 1000:03d}"


def supervisord_log(rng):
    log = Log()

    def s(ms, level, msg):
        log.add(ms, f"{sup_ts(ms)} {level} {msg}")

    t = BOOT + 7_518
    s(t, "CRIT", "Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.  If you intend to run as root, you can set user=root in the config file to avoid this message.")
    s(t + 1, "INFO", "Included extra file \"/etc/supervisor/conf.d/kiosk.conf\" during parsing")
    s(t + 15, "INFO", "RPC interface 'supervisor' initialized")
    s(t + 15, "CRIT", "Server 'unix_http_server' running without any HTTP authentication checking")
    s(t + 16, "INFO", "supervisord started with pid 612")
    t += 1_019
    s(t, "INFO", "spawned: 'kiosk-client' with pid 1187")
    s(t + 3, "INFO", "spawned: 'log-shipper' with pid 1188")
    s(t + 6, "INFO", "spawned: 'screenshot-uploader' with pid 1189")
    s(t + 1_010, "INFO", "success: log-shipper entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)")
    s(t + 1_012, "INFO", "success: screenshot-uploader entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)")
    s(t + 5_011, "INFO", "success: kiosk-client entered RUNNING state, process has stayed up for > than 5 seconds (startsecs)")

    # screenshot-uploader: takes a screenshot, uploads it, exits; restarted every ~3 minutes.
    cycles = []
    u = t + rng.randint(170_000, 190_000)
    while u < END:
        cycles.append(u)
        u += 180_000 + rng.randint(-4_000, 4_000)
    before = [c for c in cycles if c < DEPLOY]
    pid_for = {}
    for i, c in enumerate(before):  # pids climb from 1190 to ~2205 by the deploy
        pid_for[c] = 1190 + (i + 1) * (2205 - 1190) // len(before)
    nxt = CLIENT_PID + 14  # threads of the new kiosk-client took 2212..2224
    client2_pid = None
    for c in cycles:
        if c >= DEPLOY:
            if client2_pid is None and c > RESPAWN:
                client2_pid = nxt + 1
                nxt += 16
            nxt += rng.randint(2, 5)
            pid_for[c] = nxt
    if client2_pid is None:
        client2_pid = nxt + 1
    pid = 1189
    for c in cycles:
        status = "exit status 0; expected"
        if LINK_LOST < c < LINK_BACK + 30_000:
            status = "exit status 6; not expected"  # curl: could not resolve host
        s(c, "INFO", f"exited: screenshot-uploader ({status})")
        pid = pid_for[c]
        s(c + 1_004, "INFO", f"spawned: 'screenshot-uploader' with pid {pid}")
        s(c + 2_006, "INFO", "success: screenshot-uploader entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)")

    # log-shipper hiccup during the night
    n = T("2026-11-20 03:12:44.904")
    s(n, "INFO", "exited: log-shipper (exit status 1; not expected)")
    s(n + 1_003, "INFO", "spawned: 'log-shipper' with pid 1604")
    s(n + 2_005, "INFO", "success: log-shipper entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)")

    # 13:57:58 deploy of kiosk-client 4.12.1 (supervisorctl restart kiosk-client)
    s(DEPLOY - 3_114, "INFO", "waiting for kiosk-client to stop")
    s(DEPLOY - 1_106, "INFO", "stopped: kiosk-client (exit status 0)")
    s(DEPLOY, "INFO", f"spawned: 'kiosk-client' with pid {CLIENT_PID}")
    s(DEPLOY + 5_006, "INFO", "success: kiosk-client entered RUNNING state, process has stayed up for > than 5 seconds (startsecs)")

    # 14:43 operator restart: SIGTERM ignored, SIGKILL after stopwaitsecs=10
    s(RESTART_CMD, "INFO", "waiting for kiosk-client to stop")
    s(RESTART_CMD + 2_003, "INFO", "waiting for kiosk-client to stop")
    s(RESTART_CMD + 4_007, "INFO", "waiting for kiosk-client to stop")
    s(RESTART_CMD + 6_009, "INFO", "waiting for kiosk-client to stop")
    s(RESTART_CMD + 8_011, "INFO", "waiting for kiosk-client to stop")
    s(SIGKILL, "WARN", f"killing 'kiosk-client' ({CLIENT_PID}) with SIGKILL")
    s(SIGKILL + 2, "INFO", "stopped: kiosk-client (terminated by SIGKILL)")
    s(RESPAWN, "INFO", f"spawned: 'kiosk-client' with pid {client2_pid}")
    s(RESPAWN + 5_006, "INFO", "success: kiosk-client entered RUNNING state, process has stayed up for > than 5 seconds (startsecs)")
    return log, client2_pid


# ----------------------------------------------------------------- main
def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "demo")
    rng = random.Random(SEED)

    sup, client2_pid = supervisord_log(random.Random(SEED + 1))
    kern = kern_log(random.Random(SEED + 2))
    backend = Backend(random.Random(SEED + 3))

    client = Log()
    client_session(client, rng, DEPLOY, LAST_LINE, CLIENT_PID, 41, backend, clean_start=True)
    client_incidents(client, rng, backend)
    backend_traffic(backend, random.Random(SEED + 4))
    backend_incident(backend, random.Random(SEED + 5))
    client_session(client, rng, RESPAWN, END, client2_pid, 42, backend, clean_start=False)
    # kiosk-07's heartbeats/telemetry from the hung process never arrive
    backend.log.items = [it for it in backend.log.items
                         if not (LINK_LOST <= it[0] < RESPAWN and '"client":"kiosk-07"' in it[2]
                                 and ('"msg":"heartbeat"' in it[2] or '/v1/telemetry' in it[2]))]
    # the heartbeat watchdog notices
    last_hb = max(it[0] for it in backend.log.items
                  if it[0] < LINK_LOST and '"client":"kiosk-07"' in it[2] and '"msg":"heartbeat"' in it[2])
    t = last_hb + 90_000
    while t < SIGKILL:
        backend.rec(t, "WARN", "heartbeat overdue", component="api", client="kiosk-07",
                    last_seen=iso_z(last_hb), overdue_s=(t - last_hb) // 1000,
                    ws="connected" if t > WS_CONNECT_BACKEND else "disconnected")
        t += 60_000
    # push sequence numbers in time order
    backend.log.items.sort()
    seq = 5210
    for i, (ms, order, text) in enumerate(backend.log.items):
        if '"seq":-1,' in text:
            seq += 1
            backend.log.items[i] = (ms, order, text.replace('"seq":-1,', f'"seq":{seq},'))

    counts = {}
    for name, log in (("kiosk-client.log", client), ("kern.log", kern), ("supervisord.log", sup),
                      ("backend.log", backend.log)):
        path = os.path.join(out, name)
        counts[name] = log.write(path)
        # kern.log has no year: readers take it from the mtime, so pin it to the incident
        os.utime(path, (END / 1000, END / 1000))
    for name, n in counts.items():
        print(f"make-logs.py: {name}: {n} lines", file=sys.stderr)


if __name__ == "__main__":
    main()
