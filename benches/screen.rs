//! The screen's figures (issue 4): key→frame latency, time and level jumps
//! over the index, search vs `grep -n -m1`, and time to the first frame.
//!
//! ```text
//! cargo bench --bench screen
//! CASEFILE_BENCH_DIR=/tmp/casefile-bench/scale-0.01 cargo bench --bench screen
//! ```
//!
//! env: `CASEFILE_BENCH_DIR` (data, default /tmp/casefile-bench; made by
//! `cargo run --release --example gen_logs -- OUT_DIR`), `CASEFILE_BENCH_KEYS`
//! (keys per key→frame run, default 2000). A measurement, never a test: it
//! prints a markdown table and exits 0 whether targets are met or missed.
//!
//! Everything runs through the real code: `loader::spawn`, `new_app`,
//! `update`, worker jobs on threads as the event loop runs them, and
//! `view::render` into a ratatui `TestBackend`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender, unbounded};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use casefile::index::Zone;
use casefile::level::Level;
use casefile::loader::{self, LoadEvent};
use casefile::source::{self, Input, LoadOptions, Settings, Source, SourceSpec};
use casefile::time::Nanos;
use casefile::tui::action::Action;
use casefile::tui::app::App;
use casefile::tui::keymap::{Key, parse_keys};
use casefile::tui::update::{Msg, update};
use casefile::tui::work::WorkDone;
use casefile::tui::{ViewOptions, new_app, view};

const HOSTS: [&str; 4] = [
    "host1-250m.log",
    "host2-250m.log",
    "host3-250m.log",
    "host4-250m.log",
];
const APP: &str = "app-1g.log";
const SYSLOG: &str = "syslog-1g.log";
const SEARCH_FILE: &str = "search-1g.log";
const NEEDLE: &str = "ZZQ-needle-4711";
const NEEDLE_RE: &str = "ZZQ-needle-[0-9]+";
/// A common word searched before the key runs, so that `n` has matches.
const COMMON_RE: &str = "mismatch";

/// xorshift64*: deterministic key mixes and jump targets.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() >> 32) * n.max(1)) >> 32
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi - lo).max(1) as u64;
        lo + (self.next() % span) as i64
    }
}

/// Latency summary.
struct Stats {
    n: usize,
    p50: Duration,
    p99: Duration,
    max: Duration,
}

fn stats(mut v: Vec<Duration>) -> Stats {
    v.sort_unstable();
    let n = v.len();
    let at = |q: usize| v.get((n * q / 100).min(n.saturating_sub(1))).copied();
    Stats {
        n,
        p50: at(50).unwrap_or_default(),
        p99: at(99).unwrap_or_default(),
        max: v.last().copied().unwrap_or_default(),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

fn spec(path: &Path) -> SourceSpec {
    SourceSpec {
        name: path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        input: Input::Files(vec![path.to_path_buf()]),
        settings: Settings::default(),
    }
}

fn opts() -> LoadOptions {
    LoadOptions {
        zone: Zone::Fixed(0),
        ..LoadOptions::default()
    }
}

fn index_now(path: &Path) -> Source {
    let s = spec(path);
    let (parts, warnings) = source::open(&s).expect("benchmark file opens");
    source::index(&s, std::sync::Arc::new(parts), warnings, &opts(), |_| {})
}

fn app_for(names: Vec<String>, w: u16, h: u16) -> App {
    let view = ViewOptions {
        since: None,
        until: None,
        display_zone: Zone::Fixed(0),
        asked: None,
        // No user config: the default keymap and theme.
        config_path: Some(PathBuf::from("/nonexistent/casefile-bench-config.toml")),
        skipped: Vec::new(),
    };
    let mut app = new_app(names, &view, true);
    app.size = (w, h);
    app
}

/// The event loop's plumbing without a terminal: worker threads, their results,
/// loader events, and a `TestBackend` to draw into.
struct Screen {
    term: Terminal<TestBackend>,
    work_tx: Sender<WorkDone>,
    work_rx: Receiver<WorkDone>,
    load_rx: Option<Receiver<LoadEvent>>,
    load_done: usize,
    progress: usize,
}

impl Screen {
    fn new(w: u16, h: u16, load_rx: Option<Receiver<LoadEvent>>) -> Screen {
        let (work_tx, work_rx) = unbounded();
        Screen {
            term: Terminal::new(TestBackend::new(w, h)).expect("test terminal"),
            work_tx,
            work_rx,
            load_rx,
            load_done: 0,
            progress: 0,
        }
    }

    fn resize(&mut self, app: &mut App, w: u16, h: u16) {
        self.term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        app.size = (w, h);
    }

    /// Applies everything queued (loader events, worker results), starts the
    /// jobs `update` asked for on threads, and draws one frame, as `event_loop` does.
    fn settle_and_draw(&mut self, app: &mut App) {
        if let Some(rx) = &self.load_rx {
            for ev in rx.try_iter() {
                if matches!(ev, LoadEvent::Done { .. } | LoadEvent::Failed { .. }) {
                    self.load_done += 1;
                }
                self.progress += usize::from(matches!(ev, LoadEvent::Progress { .. }));
                update(app, Msg::Load(Box::new(ev)));
            }
        }
        for done in self.work_rx.try_iter() {
            update(app, Msg::Work(done));
        }
        for job in app.jobs.drain(..) {
            let tx = self.work_tx.clone();
            std::thread::Builder::new()
                .name("work".into())
                .spawn(move || {
                    if let Some(done) = job.run() {
                        let _ = tx.send(done);
                    }
                })
                .expect("worker thread starts");
        }
        self.term
            .draw(|f| view::render(app, f))
            .expect("draw to the test backend");
    }

    /// One key (or action) → frame, timed.
    fn key(&mut self, app: &mut App, msg: Msg) -> Duration {
        let t = Instant::now();
        update(app, msg);
        self.settle_and_draw(app);
        t.elapsed()
    }

    /// Waits (untimed) until no pane is searching or filtering.
    fn wait_jobs(&mut self, app: &mut App, limit: Duration) {
        let start = Instant::now();
        loop {
            self.settle_and_draw(app);
            let busy = app.panes.iter().any(|p| p.searching || p.filtering);
            if !busy || start.elapsed() > limit {
                return;
            }
            if let Ok(done) = self.work_rx.recv_timeout(Duration::from_millis(50)) {
                update(app, Msg::Work(done));
            }
        }
    }
}

fn key(s: &str) -> Key {
    parse_keys(s)
        .ok()
        .and_then(|k| k.first().copied())
        .expect("a valid key name")
}

/// The realistic mix: mostly scrolling, some time steps and jumps.
fn next_msg(rng: &mut Rng, span: (Nanos, Nanos), search: bool) -> Msg {
    let r = rng.below(100);
    let k = match r {
        0..=29 => "j",
        30..=41 => "k",
        42..=51 => "<pgdn>",
        52..=55 => "<pgup>",
        56..=63 => "<right>",
        64..=67 => "<left>",
        68..=74 => "e",
        75..=79 => "w",
        80..=82 => "E",
        83..=88 => {
            return Msg::Action(Action::GotoTime(rng.range(span.0, span.1)));
        }
        89..=95 if search => "n",
        89..=95 => "j",
        _ => "<tab>",
    };
    Msg::Key(key(k))
}

fn time_span(app: &App) -> (Nanos, Nanos) {
    let first = app
        .panes
        .iter()
        .filter_map(|p| p.source.as_ref()?.first_time())
        .min();
    let last = app
        .panes
        .iter()
        .filter_map(|p| p.source.as_ref()?.last_time())
        .max();
    (first.unwrap_or(0), last.unwrap_or(1))
}

/// (a) Four sources, fully indexed; keys at 200×50 and 80×24.
fn keys_ready(dir: &Path, n: usize) -> Vec<(String, Stats)> {
    let paths: Vec<PathBuf> = HOSTS.iter().map(|h| dir.join(h)).collect();
    let mut app = app_for(HOSTS.iter().map(|s| s.to_string()).collect(), 200, 50);
    let t = Instant::now();
    let rx = loader::spawn(paths.iter().map(|p| spec(p)).collect(), opts());
    let mut screen = Screen::new(200, 50, Some(rx));
    while screen.load_done < HOSTS.len() {
        screen.settle_and_draw(&mut app);
        std::thread::sleep(Duration::from_millis(20));
    }
    eprintln!(
        "screen: four hosts indexed in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    update(&mut app, Msg::Action(Action::Search(COMMON_RE.into())));
    screen.wait_jobs(&mut app, Duration::from_secs(120));
    let matches: usize = app.panes.iter().map(|p| p.matches.len()).sum();
    eprintln!("screen: /{COMMON_RE}/ has {matches} matches in the four hosts");
    let span = time_span(&app);
    let mut out = Vec::new();
    for (w, h) in [(200u16, 50u16), (80, 24)] {
        screen.resize(&mut app, w, h);
        let mut rng = Rng(0x5EED_0000 + u64::from(w));
        let mut lat = Vec::with_capacity(n);
        for _ in 0..n {
            let m = next_msg(&mut rng, span, true);
            lat.push(screen.key(&mut app, m));
        }
        out.push((format!("{w}×{h}"), stats(lat)));
    }
    out
}

/// (b) Keys while `app-1g.log` is being indexed; also the time to the first
/// partial index and to the first frame drawn from it.
struct Indexing {
    first_index: Option<Duration>,
    /// Time to the end of the first frame drawn with a partial index, and how
    /// many records that index held.
    first_frame: Option<(Duration, usize)>,
    index_time: Duration,
    keys: Stats,
    progress_events: usize,
}

fn keys_indexing(dir: &Path) -> Indexing {
    let path = dir.join(APP);
    let mut app = app_for(vec![APP.to_string()], 200, 50);
    let t0 = Instant::now();
    let rx = loader::spawn(vec![spec(&path)], opts());
    // The first partial index (or the whole one) arriving.
    let mut first_index = None;
    let mut early = Vec::new();
    let mut progress_events = 0;
    while let Ok(ev) = rx.recv_timeout(Duration::from_secs(60)) {
        let done = matches!(ev, LoadEvent::Done { .. } | LoadEvent::Failed { .. });
        let progress = matches!(ev, LoadEvent::Progress { .. });
        progress_events += usize::from(progress);
        early.push(ev);
        if progress || done {
            first_index = Some(t0.elapsed());
            break;
        }
    }
    let mut screen = Screen::new(200, 50, Some(rx));
    for ev in early {
        if matches!(ev, LoadEvent::Done { .. } | LoadEvent::Failed { .. }) {
            screen.load_done += 1;
        }
        update(&mut app, Msg::Load(Box::new(ev)));
    }
    screen.settle_and_draw(&mut app);
    // The first frame the user sees with records in it.
    let first_frame = first_index.map(|_| {
        let records = app.source(0).map_or(0, |s| s.index.len());
        (t0.elapsed(), records)
    });
    // A search typed while the source still loads, as a user would.
    update(&mut app, Msg::Action(Action::Search(COMMON_RE.into())));
    let mut rng = Rng(0xB0B0_1234);
    let mut lat = Vec::new();
    while screen.load_done == 0 {
        let span = time_span(&app);
        let m = next_msg(&mut rng, span, true);
        lat.push(screen.key(&mut app, m));
    }
    progress_events += screen.progress;
    let index_time = t0.elapsed();
    // Let the search on the final index finish before the next measurement.
    screen.wait_jobs(&mut app, Duration::from_secs(120));
    Indexing {
        first_index,
        first_frame,
        index_time,
        keys: stats(lat),
        progress_events,
    }
}

/// Jumps over the index of a ≥10 M record source.
struct Jumps {
    records: usize,
    at_or_before: Stats,
    next_error: Stats,
    prev_error: Stats,
}

fn jumps(dir: &Path) -> Jumps {
    let src = index_now(&dir.join(SYSLOG));
    let index = &src.index;
    let n = index.len();
    let (lo, hi) = (
        index.stats.first.unwrap_or(0),
        index.stats.last.unwrap_or(1),
    );
    let mut rng = Rng(0x7133_2026);
    let mut sink = 0usize;
    let mut t_at = Vec::with_capacity(10_000);
    let mut t_next = Vec::with_capacity(10_000);
    let mut t_prev = Vec::with_capacity(10_000);
    let err = |l: Option<Level>| l.is_some_and(Level::is_error);
    for _ in 0..10_000 {
        let t = rng.range(lo, hi);
        let s = Instant::now();
        sink ^= std::hint::black_box(index.at_or_before(t)).unwrap_or(0);
        t_at.push(s.elapsed());
        let from = rng.below(n as u64) as usize;
        let s = Instant::now();
        sink ^= std::hint::black_box(index.next_level(from, err)).unwrap_or(0);
        t_next.push(s.elapsed());
        let s = Instant::now();
        sink ^= std::hint::black_box(index.prev_level(from, err)).unwrap_or(0);
        t_prev.push(s.elapsed());
    }
    std::hint::black_box(sink);
    Jumps {
        records: n,
        at_or_before: stats(t_at),
        next_error: stats(t_next),
        prev_error: stats(t_prev),
    }
}

/// Copies `app-1g.log` with one line ~95% in replaced by a line holding the needle.
fn make_search_file(dir: &Path) -> std::io::Result<PathBuf> {
    let out = dir.join(SEARCH_FILE);
    let src = dir.join(APP);
    let fresh = match (std::fs::metadata(&out), std::fs::metadata(&src)) {
        (Ok(o), Ok(s)) => o.modified()? >= s.modified()?,
        _ => false,
    };
    if fresh {
        return Ok(out);
    }
    let data = std::fs::read(&src)?;
    let at = data.len() / 100 * 95;
    let start = memchr::memchr(b'\n', &data[at..]).map_or(data.len(), |k| at + k + 1);
    let end = memchr::memchr(b'\n', &data[start..]).map_or(data.len(), |k| start + k + 1);
    let line = &data[start..end];
    // Keep the timestamp so the record stays in its place in time.
    let stamp = &line[..line.len().min(24)];
    let tmp = dir.join(format!("{SEARCH_FILE}.tmp"));
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        f.write_all(&data[..start])?;
        f.write_all(stamp)?;
        writeln!(
            f,
            "ERROR [bench] {NEEDLE} planted by benches/screen.rs for the search benchmark"
        )?;
        f.write_all(&data[end..])?;
        f.flush()?;
    }
    std::fs::rename(&tmp, &out)?;
    Ok(out)
}

struct Search {
    casefile: Vec<Duration>,
    grep: Vec<Duration>,
    grep_line: String,
    record: Option<usize>,
    records: usize,
}

fn median(v: &[Duration]) -> Duration {
    let mut v = v.to_vec();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn search(dir: &Path, runs: usize) -> std::io::Result<Search> {
    let path = make_search_file(dir)?;
    let src = index_now(&path);
    let records = src.index.len();
    let mut app = app_for(vec![SEARCH_FILE.to_string()], 200, 50);
    update(
        &mut app,
        Msg::Load(Box::new(LoadEvent::Done {
            id: 0,
            source: Box::new(src),
        })),
    );
    let mut screen = Screen::new(200, 50, None);
    screen.settle_and_draw(&mut app);
    let mut casefile = Vec::new();
    let mut grep = Vec::new();
    let mut grep_line = String::new();
    let mut record = None;
    // Warm the page cache for both sides.
    let _ = Command::new("grep")
        .args(["-c", NEEDLE])
        .arg(&path)
        .output();
    for _ in 0..runs {
        // From the start of the file, as `/` then the jump to the first match.
        update(&mut app, Msg::Action(Action::Start));
        update(&mut app, Msg::Action(Action::Cancel));
        screen.settle_and_draw(&mut app);
        let t = Instant::now();
        update(&mut app, Msg::Action(Action::Search(NEEDLE_RE.into())));
        for job in app.jobs.drain(..) {
            let tx = screen.work_tx.clone();
            std::thread::spawn(move || {
                if let Some(done) = job.run() {
                    let _ = tx.send(done);
                }
            });
        }
        // Other jobs (silences, template mining) started when the source
        // loaded may answer first: wait for the answer that moves the cursor.
        let before = app.pin;
        while app.pin == before {
            let done = screen
                .work_rx
                .recv_timeout(Duration::from_secs(600))
                .expect("the search worker answers");
            update(&mut app, Msg::Work(done));
        }
        casefile.push(t.elapsed());
        record = app.pin.map(|(_, r)| r);

        let t = Instant::now();
        let out = Command::new("grep")
            .args(["-n", "-m1", "-E", NEEDLE_RE])
            .arg(&path)
            .output()?;
        grep.push(t.elapsed());
        grep_line = String::from_utf8_lossy(&out.stdout)
            .split(':')
            .next()
            .unwrap_or("")
            .to_string();
    }
    Ok(Search {
        casefile,
        grep,
        grep_line,
        record,
        records,
    })
}

fn pass(ok: bool) -> &'static str {
    if ok { "pass" } else { "**miss**" }
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is taken from the command line.
    let dir = std::env::var_os("CASEFILE_BENCH_DIR")
        .map_or_else(|| PathBuf::from("/tmp/casefile-bench"), PathBuf::from);
    let n: usize = std::env::var("CASEFILE_BENCH_KEYS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let needed: Vec<&str> = HOSTS.iter().copied().chain([APP, SYSLOG]).collect();
    let missing: Vec<&&str> = needed.iter().filter(|f| !dir.join(f).is_file()).collect();
    if !missing.is_empty() {
        println!(
            "screen bench: missing in {}: {missing:?}\n\
             generate the data first (scale 1 is ~4.5 GB; --size-scale 0.01 for a quick run):\n\
             \n    cargo run --release --example gen_logs -- {}\n\
             \n    cargo run --release --example gen_logs -- --size-scale 0.01 /tmp/casefile-bench/scale-0.01\
             \n    CASEFILE_BENCH_DIR=/tmp/casefile-bench/scale-0.01 cargo bench --bench screen",
            dir.display(),
            dir.display()
        );
        return;
    }
    let rows_ready = keys_ready(&dir, n);
    let idx = keys_indexing(&dir);
    let j = jumps(&dir);
    let s = match search(&dir, 3) {
        Ok(s) => Some(s),
        Err(e) => {
            println!("search benchmark skipped: {e}");
            None
        }
    };

    println!("\n## casefile screen benchmark ({})\n", dir.display());
    println!("| figure | target | measured | peer | result |");
    println!("|---|---|---|---|---|");
    for (size, st) in &rows_ready {
        println!(
            "| key→frame, 4 × 250 MB indexed, {size} ({} keys) | p99 < 16 ms | p50 {} / p99 {} / max {} | | {} |",
            st.n,
            ms(st.p50),
            ms(st.p99),
            ms(st.max),
            pass(st.p99 < Duration::from_millis(16))
        );
    }
    println!(
        "| key→frame while 1 GiB indexes, 200×50 ({} keys over {:.2} s, {} partial indexes) | p99 < 50 ms | p50 {} / p99 {} / max {} | | {} |",
        idx.keys.n,
        idx.index_time.as_secs_f64(),
        idx.progress_events,
        ms(idx.keys.p50),
        ms(idx.keys.p99),
        ms(idx.keys.max),
        pass(idx.keys.p99 < Duration::from_millis(50) && idx.keys.n > 0)
    );
    let ten_m = if j.records >= 10_000_000 {
        ""
    } else {
        " (fewer than 10 M!)"
    };
    for (what, st) in [
        ("at_or_before(t)", &j.at_or_before),
        ("next_level(error)", &j.next_error),
        ("prev_level(error)", &j.prev_error),
    ] {
        println!(
            "| jump: {what}, {} records{ten_m}, 10 000 random | p99 < 5 ms | p50 {} / p99 {} / max {} | | {} |",
            j.records,
            us(st.p50),
            us(st.p99),
            us(st.max),
            pass(st.p99 < Duration::from_millis(5))
        );
    }
    if let Some(s) = &s {
        let (c, g) = (median(&s.casefile), median(&s.grep));
        let found = s
            .record
            .map_or_else(|| "not found!".to_string(), |r| format!("record {r}"));
        println!(
            "| search /{NEEDLE_RE}/ to the first match ~95% into 1 GiB ({} records; median of {}) | ≤ grep | {} ({found}; runs {}) | `grep -n -m1 -E` {} (line {}; runs {}) | {} |",
            s.records,
            s.casefile.len(),
            ms(c),
            s.casefile
                .iter()
                .map(|d| ms(*d))
                .collect::<Vec<_>>()
                .join(", "),
            ms(g),
            s.grep_line,
            s.grep.iter().map(|d| ms(*d)).collect::<Vec<_>>().join(", "),
            pass(c <= g && s.record.is_some())
        );
    }
    match idx.first_index {
        Some(fi) => println!(
            "| first partial index: `loader::spawn` → first `Progress` event, 1 GiB | | {} | | |",
            ms(fi)
        ),
        None => println!("| first partial index, 1 GiB | | no index arrived | | |"),
    }
    match idx.first_frame {
        Some((ff, n)) if n > 0 => println!(
            "| first frame: `loader::spawn` → first frame drawn from a partial index ({n} records), 1 GiB | < 200 ms | {} | | {} |",
            ms(ff),
            pass(ff < Duration::from_millis(200))
        ),
        _ => println!(
            "| first frame, 1 GiB | < 200 ms | no records in the first frame | | **miss** |"
        ),
    }
    println!(
        "\nrerun: `cargo bench --bench screen` (data: CASEFILE_BENCH_DIR={}, keys: CASEFILE_BENCH_KEYS={n})",
        dir.display()
    );
}
