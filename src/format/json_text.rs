//! JSON log lines as a person reads them: the message first, then the other
//! fields as `key=value`, without the time and level (the panes show those in
//! their own columns).

use serde_json::Value;

use super::json::{LEVEL_KEYS, TIME_KEYS};

/// Keys that hold the message, most common first (zap, logrus, slog, bunyan,
/// ECS, journald, Docker json-file, structlog).
pub(crate) const MESSAGE_KEYS: [&str; 6] = ["msg", "message", "MESSAGE", "log", "event", "M"];

/// Fields every record carries that say nothing about this record.
pub(crate) const NOISE_KEYS: [&str; 4] = ["v", "hostname", "pid", "stream"];

/// The readable form of a JSON object line, or None when the line is not one.
pub fn readable(line: &[u8]) -> Option<String> {
    let start = line.iter().position(|&b| b == b'{')?;
    let Value::Object(map) =
        serde_json::from_slice::<Value>(line[start..].trim_ascii_end()).ok()?
    else {
        return None;
    };
    if map.contains_key("__REALTIME_TIMESTAMP") || map.contains_key("__CURSOR") {
        return Some(journald(&map));
    }
    let msg_key = MESSAGE_KEYS
        .iter()
        .find(|k| map.get(**k).is_some_and(Value::is_string));
    let mut out = String::new();
    if start > 0 {
        // A prefix before the JSON (`caddy  | {...}`) stays in front.
        out.push_str(String::from_utf8_lossy(&line[..start]).trim_end());
        out.push(' ');
    }
    if let Some(Value::String(m)) = msg_key.and_then(|k| map.get(*k)) {
        out.push_str(m.trim_end_matches('\n'));
    }
    for (k, v) in &map {
        let skip = Some(&k.as_str()) == msg_key
            || TIME_KEYS.contains(&k.as_str())
            || LEVEL_KEYS.contains(&k.as_str())
            || NOISE_KEYS.contains(&k.as_str());
        if skip {
            continue;
        }
        field(&mut out, k, v);
    }
    Some(out)
}

/// `  key=value`, quoted where the value needs it (`key=value` alone into
/// an empty `out`).
pub(crate) fn field(out: &mut String, k: &str, v: &Value) {
    if !out.is_empty() {
        out.push_str("  ");
    }
    out.push_str(k);
    out.push('=');
    match v {
        Value::String(s) if !s.is_empty() && !s.contains([' ', '"', '=']) => out.push_str(s),
        v => out.push_str(&v.to_string()),
    }
}

/// A journald entry (`journalctl -o json`) as `journalctl` prints it:
/// `identifier[pid]: message`, then the fields the program sent itself.
/// journald's own (`_PID`, `__CURSOR`, `_MACHINE_ID`, …, all starting with
/// `_`) and the syslog ones the line already says are left out.
pub(crate) fn journald(map: &serde_json::Map<String, Value>) -> String {
    const SAID: [&str; 7] = [
        "MESSAGE",
        "PRIORITY",
        "SYSLOG_FACILITY",
        "SYSLOG_IDENTIFIER",
        "SYSLOG_PID",
        "SYSLOG_TIMESTAMP",
        "SYSLOG_RAW",
    ];
    let text = |k: &str| match map.get(k) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut out = String::new();
    if let Some(who) = text("SYSLOG_IDENTIFIER").or_else(|| text("_COMM")) {
        out.push_str(&who);
        if let Some(pid) = text("SYSLOG_PID").or_else(|| text("_PID")) {
            out.push_str(&format!("[{pid}]"));
        }
        out.push_str(": ");
    }
    match map.get("MESSAGE") {
        Some(Value::String(m)) => out.push_str(m.trim_end_matches('\n')),
        // Binary messages are arrays of bytes.
        Some(v) => out.push_str(&v.to_string()),
        None => {}
    }
    for (k, v) in map {
        if !k.starts_with('_') && !SAID.contains(&k.as_str()) {
            field(&mut out, k, v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_first_then_fields_in_order() {
        let line = br#"{"time":"2026-11-20T14:31:07.201Z","level":"INFO","msg":"ws connect","component":"ws","client":"kiosk-07","latency_ms":12,"ok":true}"#;
        assert_eq!(
            readable(line).as_deref(),
            Some("ws connect  component=ws  client=kiosk-07  latency_ms=12  ok=true")
        );
    }

    #[test]
    fn quoting_nesting_and_docker() {
        let line =
            br#"{"ts":1.5,"lvl":"warn","message":"slow query","sql":"select 1","ctx":{"a":1}}"#;
        assert_eq!(
            readable(line).as_deref(),
            Some(r#"slow query  sql="select 1"  ctx={"a":1}"#)
        );
        let docker = br#"{"log":"GET / 200\n","stream":"stdout","time":"2022-03-24T17:23:05.1Z"}"#;
        assert_eq!(readable(docker).as_deref(), Some("GET / 200"));
        let prefixed = br#"caddy  | {"level":"info","ts":1761019822.3,"msg":"serving"}"#;
        assert_eq!(readable(prefixed).as_deref(), Some("caddy  | serving"));
    }

    /// `journalctl -o json` reads as `journalctl` prints it: who logged it,
    /// then the message; journald's own fields (`__CURSOR`, `_MACHINE_ID`,
    /// `_CAP_EFFECTIVE`, …) hid the program among forty columns of ids.
    /// Fields the program sent itself stay, as `key=value`.
    #[test]
    fn journald_reads_as_journalctl_prints_it() {
        let path = format!(
            "{}/../shared/corpus/journald/journalctl.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(path).expect("corpus file");
        let line = text.lines().next().expect("a line");
        assert_eq!(
            readable(line.as_bytes()).as_deref(),
            Some(
                "redis-server[14304]: 14304:C 23 Nov 2026 14:08:38.881 # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo"
            )
        );
        let own = br#"{"__CURSOR":"s=1","__REALTIME_TIMESTAMP":"1795442918881981","PRIORITY":"4","_COMM":"api","MESSAGE":"slow","CODE_FILE":"db.go","REQUEST_ID":"r-7"}"#;
        assert_eq!(
            readable(own).as_deref(),
            Some("api: slow  CODE_FILE=db.go  REQUEST_ID=r-7")
        );
    }

    #[test]
    fn not_json() {
        assert_eq!(readable(b"plain text"), None);
        assert_eq!(readable(b"[1,2,3]"), None);
        assert_eq!(readable(b"{broken"), None);
    }
}
