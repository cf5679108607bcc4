//! Deterministic benchmark data generator for casefile (std only, no casefile code).
//!
//! ```text
//! cargo run --release --example gen_logs -- [--size-scale X] [--only NAME[,NAME..]] OUT_DIR
//! ```
//!
//! Writes into OUT_DIR (sizes at scale 1.0):
//! * `syslog-1g.log`   1 GiB RFC 3164 syslog, several hosts and programs
//! * `app-1g.log`      1 GiB ISO-8601 app log with levels; 3% of records carry a
//!   5-30 line Java stack trace
//! * `json-1g.log`     1 GiB JSON lines (zap/slog-like, `"time"` and `"level"`)
//! * `json-nested-1g.log` 1 GiB JSON lines as Go's log/slog JSONHandler writes
//!   them with AddSource and a group: a `"source"` object and a `"req"` object
//!   on every line
//! * `host{1..4}-250m.log` four 250 MB ISO-8601 logs with interleaved times
//!   over the same hours
//! * `color-250m.log`  250 MB of the app log's records as a console writes
//!   them in color (level and thread in SGR sequences, no traces)
//!
//! Every file has its own fixed seed, so the output is byte-identical on every
//! run and independent of thread scheduling. A file stops at the first record
//! boundary at or past its target size.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

const GIB: f64 = 1024.0 * 1024.0 * 1024.0;
const MB: f64 = 1_000_000.0;
/// 2026-11-18T00:00:00Z, the start of every generated file.
const START_MS: i64 = 1_794_960_000_000;

/// xorshift64* — tiny, fast, good enough for log noise.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() >> 32) * n) >> 32
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
    fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

#[derive(Clone, Copy)]
enum Stamp {
    /// `2026-11-20 14:02:11.482`
    IsoSpace,
    /// `2026-11-20T14:02:11.482Z`
    IsoZ,
    /// `Nov 20 14:02:11`
    Rfc3164,
}

fn push_2(out: &mut Vec<u8>, v: u32) {
    out.push(b'0' + (v / 10) as u8);
    out.push(b'0' + (v % 10) as u8);
}

fn push_stamp(out: &mut Vec<u8>, ms: i64, kind: Stamp) {
    let secs = ms.div_euclid(1000);
    let milli = ms.rem_euclid(1000) as u32;
    let (y, mo, d) = civil(secs.div_euclid(86_400));
    let sod = secs.rem_euclid(86_400) as u32;
    let (h, mi, s) = (sod / 3600, sod / 60 % 60, sod % 60);
    match kind {
        Stamp::Rfc3164 => {
            out.extend_from_slice(MONTHS[(mo - 1) as usize].as_bytes());
            out.push(b' ');
            if d < 10 {
                out.push(b' ');
                out.push(b'0' + d as u8);
            } else {
                push_2(out, d);
            }
            out.push(b' ');
        }
        Stamp::IsoSpace | Stamp::IsoZ => {
            let _ = write!(out, "{y:04}-");
            push_2(out, mo);
            out.push(b'-');
            push_2(out, d);
            out.push(if matches!(kind, Stamp::IsoZ) {
                b'T'
            } else {
                b' '
            });
        }
    }
    push_2(out, h);
    out.push(b':');
    push_2(out, mi);
    out.push(b':');
    push_2(out, s);
    if !matches!(kind, Stamp::Rfc3164) {
        out.push(b'.');
        out.push(b'0' + (milli / 100) as u8);
        push_2(out, milli % 100);
        if matches!(kind, Stamp::IsoZ) {
            out.push(b'Z');
        }
    }
}

fn level(rng: &mut Rng) -> &'static str {
    match rng.below(1000) {
        0..=799 => "INFO",
        800..=899 => "DEBUG",
        900..=959 => "WARN",
        960..=989 => "ERROR",
        990..=997 => "TRACE",
        _ => "FATAL",
    }
}

/// Advance the clock by a random step averaging `mean_ms`, sometimes zero
/// (bursts) and rarely a pause of a few seconds.
fn tick(rng: &mut Rng, now: &mut i64, mean_ms: u64) {
    let step = match rng.below(100) {
        0..=29 => 0,
        30..=98 => rng.below(mean_ms * 2 + 1) as i64,
        _ => rng.below(mean_ms * 40 + 1) as i64,
    };
    *now += step;
}

const WORDS: [&str; 24] = [
    "cache",
    "session",
    "upstream",
    "request",
    "lease",
    "shard",
    "token",
    "batch",
    "queue",
    "replica",
    "snapshot",
    "checkpoint",
    "handshake",
    "stream",
    "socket",
    "tenant",
    "quota",
    "config",
    "manifest",
    "segment",
    "partition",
    "worker",
    "timer",
    "pool",
];

/// One free-form application message, appended to `out`.
fn message(rng: &mut Rng, out: &mut Vec<u8>) {
    let w1 = rng.pick(&WORDS);
    let w2 = rng.pick(&WORDS);
    let n = rng.below(100_000);
    let ms = rng.below(2_000);
    let _ = match rng.below(16) {
        0 => write!(out, "GET /api/v2/{w1}/{n} 200 {ms}ms"),
        1 => write!(
            out,
            "POST /api/v2/{w1} 201 {ms}ms bytes={}",
            rng.below(65_536)
        ),
        2 => write!(out, "GET /api/v2/{w1}/{n} 404 {ms}ms"),
        3 => write!(
            out,
            "{w1} {w2} refreshed in {ms}ms ({} entries)",
            rng.below(10_000)
        ),
        4 => write!(out, "acquired {w1} lease id={n:x} ttl=30s"),
        5 => write!(out, "released {w1} lease id={n:x} after {ms}ms"),
        6 => write!(
            out,
            "retrying {w1} fetch attempt={} backoff={ms}ms",
            1 + rng.below(5)
        ),
        7 => write!(
            out,
            "user={} tenant=t-{} opened {w1}",
            rng.below(1_000_000),
            rng.below(300)
        ),
        8 => write!(out, "flushed {} {w1} records to {w2}-{n}", rng.below(5_000)),
        9 => write!(
            out,
            "slow {w1} query took {ms}ms rows={}",
            rng.below(100_000)
        ),
        10 => write!(
            out,
            "{w1} pool stats active={} idle={} waiting={}",
            rng.below(64),
            rng.below(64),
            rng.below(8)
        ),
        11 => write!(
            out,
            "connection to 10.{}.{}.{}:{} closed by peer",
            rng.below(256),
            rng.below(256),
            rng.below(256),
            1024 + rng.below(60_000)
        ),
        12 => write!(out, "scheduled {w1} job #{n} in {}s", rng.below(600)),
        13 => write!(
            out,
            "gc pause {}us heap={}MiB",
            rng.below(20_000),
            128 + rng.below(4_096)
        ),
        14 => write!(
            out,
            "{w1} {w2} mismatch: expected {} got {}",
            rng.below(1000),
            rng.below(1000)
        ),
        _ => write!(
            out,
            "processed {w1} batch {n} ({} items, {ms}ms)",
            rng.below(512)
        ),
    };
}

const JAVA_PKGS: [&str; 8] = [
    "com.example.orders.OrderService",
    "com.example.orders.OrderRepository",
    "com.example.net.HttpClient",
    "com.example.cache.CacheLoader",
    "org.springframework.web.servlet.FrameworkServlet",
    "org.apache.catalina.core.ApplicationFilterChain",
    "java.util.concurrent.ThreadPoolExecutor",
    "com.zaxxer.hikari.pool.HikariPool",
];
const JAVA_METHODS: [&str; 8] = [
    "process",
    "load",
    "execute",
    "doFilter",
    "invoke",
    "runWorker",
    "getConnection",
    "apply",
];
const JAVA_EXC: [&str; 5] = [
    "java.lang.IllegalStateException: order already settled",
    "java.net.SocketTimeoutException: Read timed out",
    "java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available",
    "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"key\" is null",
    "java.util.ConcurrentModificationException",
];

fn java_trace(rng: &mut Rng, out: &mut Vec<u8>) {
    let frames = 4 + rng.below(26); // 5..=30 lines including the exception line
    out.extend_from_slice(rng.pick(&JAVA_EXC).as_bytes());
    out.push(b'\n');
    for i in 0..frames {
        if i > 3 && i == frames / 2 && rng.chance(500) {
            let _ = writeln!(out, "Caused by: {}", rng.pick(&JAVA_EXC));
            continue;
        }
        let class = rng.pick(&JAVA_PKGS);
        let file = class.rsplit('.').next().unwrap_or("Unknown");
        let _ = writeln!(
            out,
            "\tat {class}.{}({file}.java:{})",
            rng.pick(&JAVA_METHODS),
            20 + rng.below(900)
        );
    }
}

const HOSTS: [&str; 6] = [
    "web-01",
    "web-02",
    "db-01",
    "lb-01",
    "worker-03",
    "worker-04",
];
const PROGS: [(&str, u64); 8] = [
    ("sshd", 1022),
    ("CRON", 3310),
    ("systemd", 1),
    ("kernel", 0),
    ("nginx", 880),
    ("postfix/smtpd", 2741),
    ("dockerd", 911),
    ("sudo", 0),
];

fn syslog_record(rng: &mut Rng, now: i64, out: &mut Vec<u8>) {
    push_stamp(out, now, Stamp::Rfc3164);
    out.push(b' ');
    out.extend_from_slice(rng.pick(&HOSTS).as_bytes());
    let (prog, base_pid) = *rng.pick(&PROGS);
    let _ = match prog {
        "kernel" => write!(
            out,
            " kernel: [{}.{:06}] ",
            (now - START_MS) / 1000 + 86_400,
            rng.below(1_000_000)
        ),
        "systemd" | "sudo" => write!(out, " {prog}: "),
        _ => write!(out, " {prog}[{}]: ", base_pid + rng.below(5_000)),
    };
    let ip = (
        rng.below(223) + 1,
        rng.below(256),
        rng.below(256),
        rng.below(254) + 1,
    );
    let _ = match prog {
        "sshd" => match rng.below(4) {
            0 => write!(
                out,
                "Accepted publickey for deploy from {}.{}.{}.{} port {} ssh2: ED25519 SHA256:{:016x}",
                ip.0,
                ip.1,
                ip.2,
                ip.3,
                1024 + rng.below(60_000),
                rng.next()
            ),
            1 => write!(
                out,
                "Failed password for invalid user admin from {}.{}.{}.{} port {} ssh2",
                ip.0,
                ip.1,
                ip.2,
                ip.3,
                1024 + rng.below(60_000)
            ),
            2 => write!(
                out,
                "pam_unix(sshd:session): session closed for user deploy"
            ),
            _ => write!(
                out,
                "Connection closed by authenticating user root {}.{}.{}.{} port {} [preauth]",
                ip.0,
                ip.1,
                ip.2,
                ip.3,
                1024 + rng.below(60_000)
            ),
        },
        "CRON" => write!(
            out,
            "(root) CMD (/usr/local/bin/rotate-{} --quiet)",
            rng.pick(&WORDS)
        ),
        "systemd" => match rng.below(3) {
            0 => write!(
                out,
                "Started Session {} of user deploy.",
                rng.below(100_000)
            ),
            1 => write!(out, "{}-sync.service: Succeeded.", rng.pick(&WORDS)),
            _ => write!(out, "Starting Cleanup of Temporary Directories..."),
        },
        "kernel" => match rng.below(4) {
            0 => write!(
                out,
                "[UFW BLOCK] IN=eth0 OUT= SRC={}.{}.{}.{} DST=10.0.0.{} PROTO=TCP SPT={} DPT=23",
                ip.0,
                ip.1,
                ip.2,
                ip.3,
                rng.below(254) + 1,
                rng.below(65_535)
            ),
            1 => write!(
                out,
                "TCP: request_sock_TCP: Possible SYN flooding on port {}. Sending cookies.",
                1 + rng.below(9_000)
            ),
            2 => write!(
                out,
                "usb 1-{}: new high-speed USB device number {} using xhci_hcd",
                1 + rng.below(4),
                rng.below(30)
            ),
            _ => write!(
                out,
                "EXT4-fs (vda1): mounted filesystem with ordered data mode. Opts: (null)"
            ),
        },
        "nginx" => write!(
            out,
            "{}.{}.{}.{} - - \"GET /{}/{} HTTP/1.1\" {} {} \"-\" \"curl/8.5.0\"",
            ip.0,
            ip.1,
            ip.2,
            ip.3,
            rng.pick(&WORDS),
            rng.below(100_000),
            rng.pick(&[200, 200, 200, 304, 404, 502]),
            rng.below(90_000)
        ),
        "postfix/smtpd" => write!(
            out,
            "connect from unknown[{}.{}.{}.{}]",
            ip.0, ip.1, ip.2, ip.3
        ),
        "dockerd" => write!(
            out,
            "time=\"{}\" level={} msg=\"{} container {:012x} health check\"",
            now / 1000,
            rng.pick(&["info", "info", "warning", "error"]),
            rng.pick(&WORDS),
            rng.next() >> 16
        ),
        _ => write!(
            out,
            "deploy : TTY=pts/{} ; PWD=/home/deploy ; USER=root ; COMMAND=/usr/bin/systemctl restart {}",
            rng.below(8),
            rng.pick(&WORDS)
        ),
    };
    out.push(b'\n');
}

const THREADS: [&str; 8] = [
    "main",
    "http-nio-8080-exec-3",
    "http-nio-8080-exec-7",
    "scheduler-1",
    "kafka-consumer-0",
    "pool-2-thread-4",
    "cache-refresher",
    "grpc-default-executor-2",
];

fn app_record(rng: &mut Rng, now: i64, out: &mut Vec<u8>) {
    push_stamp(out, now, Stamp::IsoSpace);
    let lvl = level(rng);
    let _ = write!(out, " {lvl:<5} [{}] ", rng.pick(&THREADS));
    message(rng, out);
    out.push(b'\n');
    if rng.chance(30) {
        java_trace(rng, out);
    }
}

/// An app record colored as a console logger writes it (logrus, zerolog,
/// loguru): the level and the thread each in an SGR sequence.
fn color_record(rng: &mut Rng, now: i64, out: &mut Vec<u8>) {
    push_stamp(out, now, Stamp::IsoSpace);
    let lvl = level(rng);
    let color = match lvl {
        "ERROR" | "FATAL" => 31,
        "WARN" => 33,
        "DEBUG" | "TRACE" => 36,
        _ => 32,
    };
    let _ = write!(
        out,
        " \x1b[{color}m{lvl:<5}\x1b[0m \x1b[1;90m[{}]\x1b[0m ",
        rng.pick(&THREADS)
    );
    message(rng, out);
    out.push(b'\n');
}

const SERVICES: [&str; 5] = ["api", "billing", "search", "notifier", "auth"];

/// A JSON record's request fields: its id, latency in ms and status, drawn
/// in this order (the flat and the nested log write them).
fn request(rng: &mut Rng) -> (u64, u64, u32) {
    let id = rng.next();
    let latency = rng.below(3_000);
    (
        id,
        latency,
        *rng.pick(&[200, 200, 200, 201, 204, 400, 404, 500]),
    )
}

fn json_record(rng: &mut Rng, now: i64, out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"time\":\"");
    push_stamp(out, now, Stamp::IsoZ);
    let _ = write!(
        out,
        "\",\"level\":\"{}\",\"service\":\"{}\",\"msg\":\"",
        level(rng),
        rng.pick(&SERVICES)
    );
    message(rng, out);
    let (id, latency, status) = request(rng);
    let _ = write!(
        out,
        "\",\"request_id\":\"{id:016x}\",\"latency_ms\":{latency},\"status\":{status}}}"
    );
    out.push(b'\n');
}

/// Call sites of the nested log's `"source"`: function and line.
const SOURCES: [(&str, u32); 6] = [
    ("ServeHTTP", 88),
    ("handle", 142),
    ("handle", 157),
    ("retry", 203),
    ("flush", 311),
    ("Close", 47),
];

fn json_nested_record(rng: &mut Rng, now: i64, out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"time\":\"");
    push_stamp(out, now, Stamp::IsoZ);
    let service = rng.pick(&SERVICES);
    let (function, line) = *rng.pick(&SOURCES);
    let _ = write!(
        out,
        "\",\"level\":\"{}\",\"source\":{{\"function\":\"main.(*{service}Handler).{function}\",\
         \"file\":\"/srv/{service}/handler.go\",\"line\":{line}}},\"msg\":\"",
        level(rng)
    );
    message(rng, out);
    let (id, latency, status) = request(rng);
    let _ = write!(
        out,
        "\",\"service\":\"{service}\",\"req\":{{\"id\":\"{id:016x}\",\"latency_ms\":{latency},\"status\":{status}}}}}"
    );
    out.push(b'\n');
}

fn host_record(rng: &mut Rng, now: i64, host: &str, out: &mut Vec<u8>) {
    push_stamp(out, now, Stamp::IsoZ);
    let _ = write!(out, " {} {host} {}: ", level(rng), rng.pick(&SERVICES));
    message(rng, out);
    out.push(b'\n');
}

#[derive(Clone, Copy)]
enum Kind {
    Syslog,
    App,
    Json,
    JsonNested,
    Host(u8),
    Color,
}

struct Spec {
    name: String,
    kind: Kind,
    bytes: u64,
    seed: u64,
    mean_step_ms: u64,
}

fn generate(spec: &Spec, dir: &Path) -> io::Result<(u64, u64)> {
    let path = dir.join(&spec.name);
    let tmp = dir.join(format!(".{}.tmp", spec.name));
    let mut file = File::create(&tmp)?;
    let mut rng = Rng::new(spec.seed);
    let mut now = START_MS;
    let mut buf: Vec<u8> = Vec::with_capacity(9 << 20);
    let mut written: u64 = 0;
    let mut records: u64 = 0;
    let host = match spec.kind {
        Kind::Host(n) => format!("host{n}"),
        _ => String::new(),
    };
    while written + (buf.len() as u64) < spec.bytes {
        tick(&mut rng, &mut now, spec.mean_step_ms);
        match spec.kind {
            Kind::Syslog => syslog_record(&mut rng, now, &mut buf),
            Kind::App => app_record(&mut rng, now, &mut buf),
            Kind::Json => json_record(&mut rng, now, &mut buf),
            Kind::JsonNested => json_nested_record(&mut rng, now, &mut buf),
            Kind::Host(_) => host_record(&mut rng, now, &host, &mut buf),
            Kind::Color => color_record(&mut rng, now, &mut buf),
        }
        records += 1;
        if buf.len() >= 8 << 20 {
            file.write_all(&buf)?;
            written += buf.len() as u64;
            buf.clear();
        }
    }
    file.write_all(&buf)?;
    written += buf.len() as u64;
    file.sync_all()?;
    std::fs::rename(&tmp, &path)?;
    Ok((written, records))
}

fn usage() -> ! {
    eprintln!(
        "usage: gen_logs [--size-scale X] [--only NAME[,NAME..]] OUT_DIR\n\
         NAME is a file name such as syslog-1g.log or host3-250m.log"
    );
    std::process::exit(2);
}

fn main() {
    let mut scale = 1.0f64;
    let mut only: Option<Vec<String>> = None;
    let mut dir: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--size-scale" => {
                scale = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|v: &f64| *v > 0.0)
                    .unwrap_or_else(|| usage());
            }
            "--only" => {
                only = Some(
                    args.next()
                        .unwrap_or_else(|| usage())
                        .split(',')
                        .map(str::to_owned)
                        .collect(),
                );
            }
            "-h" | "--help" => usage(),
            _ if dir.is_none() && !a.starts_with('-') => dir = Some(PathBuf::from(a)),
            _ => usage(),
        }
    }
    let dir = dir.unwrap_or_else(|| usage());
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("gen_logs: cannot create {}: {e}", dir.display());
        std::process::exit(1);
    }

    let mut specs = vec![
        Spec {
            name: "syslog-1g.log".into(),
            kind: Kind::Syslog,
            bytes: (GIB * scale) as u64,
            seed: 1,
            mean_step_ms: 20,
        },
        Spec {
            name: "app-1g.log".into(),
            kind: Kind::App,
            bytes: (GIB * scale) as u64,
            seed: 2,
            mean_step_ms: 20,
        },
        Spec {
            name: "json-1g.log".into(),
            kind: Kind::Json,
            bytes: (GIB * scale) as u64,
            seed: 3,
            mean_step_ms: 20,
        },
        Spec {
            name: "json-nested-1g.log".into(),
            kind: Kind::JsonNested,
            bytes: (GIB * scale) as u64,
            seed: 4,
            mean_step_ms: 20,
        },
    ];
    for n in 1..=4u8 {
        specs.push(Spec {
            name: format!("host{n}-250m.log"),
            kind: Kind::Host(n),
            bytes: (250.0 * MB * scale) as u64,
            seed: 10 + u64::from(n),
            mean_step_ms: 8,
        });
    }
    specs.push(Spec {
        name: "color-250m.log".into(),
        kind: Kind::Color,
        bytes: (250.0 * MB * scale) as u64,
        seed: 20,
        mean_step_ms: 20,
    });
    if let Some(only) = &only {
        for name in only {
            if !specs.iter().any(|s| &s.name == name) {
                eprintln!("gen_logs: unknown file {name}");
                usage();
            }
        }
        specs.retain(|s| only.contains(&s.name));
    }

    // Two workers (the benchmark machine has 2 cores); each file is generated
    // by exactly one worker from its own seed, so scheduling can't change bytes.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failed = std::sync::atomic::AtomicBool::new(false);
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(specs.len());
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(spec) = specs.get(i) else { break };
                    let t = Instant::now();
                    match generate(spec, &dir) {
                        Ok((bytes, records)) => eprintln!(
                            "gen_logs: {} {bytes} bytes, {records} records, {:.1}s",
                            spec.name,
                            t.elapsed().as_secs_f64()
                        ),
                        Err(e) => {
                            eprintln!("gen_logs: {}: {e}", spec.name);
                            failed.store(true, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                }
            });
        }
    });
    if failed.load(std::sync::atomic::Ordering::Relaxed) {
        std::process::exit(1);
    }
}
