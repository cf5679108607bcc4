//! Where a line's header is: the stamp the time column shows and the level
//! word the level column shows, found by the same readers `Format::parse`
//! dates and levels the line with, so that what is shown of a line
//! (`shown::first_line`) leaves out exactly what the parser read. Only the
//! display path asks: the indexer's `parse` computes no positions.

use std::ops::Range;

use super::{
    Format, app, clock, docker, epoch, golog, iso, kernel, logcat, logfmt, prefixed, strace,
    syslog, tai64n, uwsgi, vdsm, w3c, web, zeek,
};

/// The bytes of a line its time and level columns already show, each with
/// the punctuation the format writes around it (a `[`…`]`, syslog's `<PRI>`,
/// loguru's ` | `, Python's ` - `): what the panes leave out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The stamp as the parser read it.
    pub stamp: Range<usize>,
    /// The level word, where the format puts it (gunicorn's `[LEVEL]` after
    /// its pid, logcat's priority letter, Monolog's `.LEVEL` after its
    /// channel). None where the parser found the level by looking for a word
    /// (`sniff_level`), or where the line keeps it (PostgreSQL's `LOG:`,
    /// Apache's `[module:level]`): a level word right after the stamp still
    /// goes (`shown`).
    pub level: Option<Range<usize>>,
}

impl Header {
    /// A header with only a stamp.
    pub(crate) fn stamp(stamp: Range<usize>) -> Header {
        Header { stamp, level: None }
    }

    /// The same header in a line that has `by` bytes more in front.
    pub(crate) fn shifted(self, by: usize) -> Header {
        let shift = |r: Range<usize>| r.start + by..r.end + by;
        Header {
            stamp: shift(self.stamp),
            level: self.level.map(shift),
        }
    }
}

impl Format {
    /// Where `line`'s stamp and level word are, as `parse` reads them; None
    /// when it reads no stamp, and for JSON (`json_text` reads those).
    pub fn header(&self, line: &[u8]) -> Option<Header> {
        match self {
            Format::Syslog5424 => syslog::header_5424(line),
            Format::Syslog3164 => syslog::header_3164(line),
            Format::JournalShortIso | Format::Syslog3339 | Format::Iso8601 => iso::header(line),
            Format::JournalMonotonic | Format::Dmesg => kernel::header_dmesg(line),
            Format::DmesgT => kernel::header_dmesg_t(line),
            Format::JournalUnix => syslog::header_unix(line),
            Format::Epoch => epoch::header(line),
            Format::Prefixed(inner) => prefixed::header(inner, line),
            Format::AccessLog => web::header_access(line),
            Format::ApacheError => web::header_apache_error(line),
            Format::Klog => golog::header_klog(line),
            Format::Logcat => logcat::header_span(line),
            Format::Redis => app::header_redis(line),
            Format::NginxError | Format::GoLog => golog::header(line),
            Format::Postgres => app::header_with(line, |_| None),
            Format::Supervisord => app::header_with(line, app::supervisord_word),
            Format::Python => app::header_with(line, app::python_fields),
            Format::Log4j => app::header_log4j(line),
            Format::Logfmt => logfmt::time_field(line).map(|stamp| Header {
                stamp,
                level: logfmt::level_field(line),
            }),
            Format::DockerCompose => docker::header(line),
            Format::TimeOfDay => clock::header(line),
            Format::Tai64n => tai64n::header(line),
            Format::Vdsm => vdsm::header(line),
            Format::Strace => strace::header(line),
            Format::Uwsgi => uwsgi::header(line),
            Format::W3c(c) => w3c::header(line, *c),
            Format::Zeek => zeek::header(line),
            Format::Jul
            | Format::Json(_)
            | Format::LogrusTty
            | Format::Plain
            | Format::GoDump
            | Format::JournalVerbose
            | Format::JournalExport => None,
        }
    }
}

/// Where a format's level field is, relative to the text after the stamp:
/// how much of that text belongs to the stamp (a separator: ` - `, ` | `, a
/// closing `]`), and the level word with its own separator.
pub(crate) struct LevelField {
    pub stamp_tail: usize,
    pub word: Range<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `header` finds a stamp in exactly the lines `parse` dates, in every
    /// format's reading of every corpus line, and its ranges are in the
    /// line, the level's after the stamp's start and apart from it: one
    /// definition of where a stamp is. (JSON is read by `json_text`, a JUL
    /// record by its message line; a container's JSON behind compose's
    /// prefix too.)
    #[test]
    fn header_and_parse_agree_on_every_corpus_line() {
        let formats: Vec<Format> = Format::candidates()
            .into_iter()
            .filter(|f| !matches!(f, Format::Json(_) | Format::Jul))
            .collect();
        let mut failures = Vec::new();
        let lines = crate::pattern::mask::tests::corpus_lines(|file, raw| {
            let line = crate::ansi::strip_cow(super::super::trim_cr(raw));
            for f in &formats {
                if matches!(f, Format::DockerCompose)
                    && docker::prefix_end(&line).is_some_and(|p| line.get(p) == Some(&b'{'))
                {
                    continue;
                }
                let dated = f.parse(&line).stamp.is_some();
                let h = f.header(&line);
                let fits = h.as_ref().is_none_or(|h| {
                    h.stamp.start < h.stamp.end
                        && h.stamp.end <= line.len()
                        && h.level.as_ref().is_none_or(|l| {
                            l.start < l.end
                                && l.end <= line.len()
                                && (l.start >= h.stamp.end || l.end <= h.stamp.start)
                        })
                });
                if (dated != h.is_some() || !fits) && failures.len() < 20 {
                    failures.push(format!(
                        "{} as {}: {h:?} for {:?}",
                        file.display(),
                        f.name(),
                        String::from_utf8_lossy(&line)
                    ));
                }
            }
        });
        assert!(lines > 20_000, "{lines} corpus lines");
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }
}
