//! Which of a pane's silences sit between which of its rows. A silence is
//! drawn as a separator line below the last row before it; it is a display
//! line, not a row, so the cursor, j/k, pages and search (which move over
//! rows) never land on it.

use super::app::App;
use super::rows::Rows;
use crate::silence::Silence;
use crate::time::Nanos;

/// One pane's silences, by start (a source's silences never overlap, so
/// this is also their order by end).
pub struct SilenceRows<'a> {
    own: Vec<&'a Silence>,
}

impl<'a> SilenceRows<'a> {
    /// Pane `p`'s silences in the latest analysis (none until it is done).
    pub fn of(app: &'a App, p: usize) -> SilenceRows<'a> {
        let mut own: Vec<&Silence> = app
            .silences
            .as_deref()
            .map(|a| a.silences.iter().filter(|s| s.source == p).collect())
            .unwrap_or_default();
        own.sort_by_key(|s| s.gap.start);
        SilenceRows { own }
    }

    /// The silences between row `k` and the row after it: those starting at
    /// or after row `k`'s time and ending by the next row's. Below the last
    /// row: every silence from its time on (an open one, or one past
    /// `--until`). With a filter, a silence among hidden rows shows between
    /// the shown rows around it.
    pub fn below(&self, rows: &Rows, k: usize) -> &[&'a Silence] {
        if k >= rows.len() || self.own.is_empty() {
            return &[];
        }
        let t = rows.time_key(k);
        let next = if k + 1 < rows.len() {
            rows.time_key(k + 1)
        } else {
            Nanos::MAX
        };
        let a = self.own.partition_point(|s| s.gap.start < t);
        let n = self.own[a..]
            .iter()
            .take_while(|s| s.gap.end <= next)
            .count();
        &self.own[a..a + n]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::silence::{Analysis, Company, Gap};
    use crate::time::NANOS_PER_SEC;

    fn silence(source: usize, start: i64, end: i64) -> Silence {
        Silence {
            source,
            gap: Gap {
                before: 0,
                after: Some(1),
                start: start * NANOS_PER_SEC,
                end: end * NANOS_PER_SEC,
                baseline: NANOS_PER_SEC,
            },
            company: Company {
                around: 1,
                busy: 1,
                alone: None,
                stopped: None,
            },
            score: 1.0,
        }
    }

    #[test]
    fn only_this_panes_silences_by_start() {
        let mut app = crate::tui::tests::app(&["api", "db"], 80, 24);
        app.silences = Some(std::sync::Arc::new(Analysis {
            silences: vec![silence(1, 50, 60), silence(0, 30, 40), silence(1, 10, 20)],
            quiet_periods: Vec::new(),
        }));
        let starts: Vec<i64> = SilenceRows::of(&app, 1)
            .own
            .iter()
            .map(|s| s.gap.start / NANOS_PER_SEC)
            .collect();
        assert_eq!(starts, [10, 50]);
    }
}
