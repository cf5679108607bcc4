//! The config file: `$XDG_CONFIG_HOME/casefile/config.toml` (or
//! `~/.config/casefile/config.toml`). Problems become warnings, never errors.
//!
//! ```toml
//! [keys]
//! next-error = ["e", "<C-e>"]
//! [colors]
//! error = "lightred"
//! sources = ["cyan", "magenta"]
//! ```

use std::path::{Path, PathBuf};

use super::keymap::Keymap;
use super::theme::{Theme, parse_color};

pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("casefile").join("config.toml"))
}

/// Reads the config at `path` (a missing file is fine) into the keymap and theme.
pub fn load(path: &Path, keymap: &mut Keymap, theme: &mut Theme) -> Vec<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => apply(&text, keymap, theme),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => vec![format!("config {}: {e}", path.display())],
    }
}

pub fn apply(text: &str, keymap: &mut Keymap, theme: &mut Theme) -> Vec<String> {
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let first = e.to_string();
            let first = first.lines().next().unwrap_or("").to_string();
            return vec![format!("config: not valid TOML: {first}")];
        }
    };
    let mut warnings = Vec::new();
    for (section, value) in &table {
        match (section.as_str(), value) {
            ("keys", toml::Value::Table(keys)) => {
                for (name, v) in keys {
                    let list: Vec<String> = match v {
                        toml::Value::String(s) => vec![s.clone()],
                        toml::Value::Array(a) => a
                            .iter()
                            .filter_map(|x| x.as_str().map(str::to_string))
                            .collect(),
                        _ => {
                            warnings.push(format!(
                                "config: keys.{name} should be a key or a list of keys"
                            ));
                            continue;
                        }
                    };
                    warnings.extend(keymap.rebind(name, &list));
                }
            }
            ("colors" | "colours", toml::Value::Table(colors)) => {
                for (name, v) in colors {
                    warnings.extend(set_color(theme, name, v));
                }
            }
            _ => warnings.push(format!(
                "config: unknown section [{section}] (use [keys] or [colors])"
            )),
        }
    }
    warnings
}

fn set_color(theme: &mut Theme, name: &str, v: &toml::Value) -> Option<String> {
    let one = |v: &toml::Value| v.as_str().and_then(parse_color);
    let slot = match name {
        "error" => &mut theme.error,
        "warn" | "warning" => &mut theme.warn,
        "info" => &mut theme.info,
        "debug" => &mut theme.debug,
        "time" => &mut theme.time,
        "match" => &mut theme.matched,
        "bookmark" => &mut theme.bookmark,
        "note" => &mut theme.note,
        "sources" => {
            let list = v
                .as_array()
                .and_then(|a| a.iter().map(one).collect::<Option<Vec<_>>>());
            return match list {
                Some(l) if !l.is_empty() => {
                    theme.sources = l;
                    None
                }
                _ => Some("config: colors.sources should be a list of colour names".into()),
            };
        }
        _ => return Some(format!("config: unknown colour '{name}'")),
    };
    match one(v) {
        Some(c) => {
            *slot = c;
            None
        }
        None => Some(format!(
            "config: colors.{name}: not a colour (try red, lightblue, #ff8800)"
        )),
    }
}
