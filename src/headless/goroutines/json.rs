//! `casefile goroutines --json`: a dump's groups, frames, locks and panic as
//! JSON values (the text is written by the parent module).

use super::*;

/// A frame; with `--binary`, its address as the binary resolves it.
fn frame_json(a: &Analysis, f: u32) -> Value {
    let d = &a.dump;
    let fr = d.frame(f);
    let mut v = json!({"function": d.name(fr.function), "file": d.name(fr.file), "line": fr.line});
    if fr.pc != 0 {
        v["pc"] = json!(format!("{:#x}", fr.pc));
        if let Some(r) = a.symbols.as_ref().and_then(|s| s.frames.get(&fr.pc)) {
            v["resolved"] = json!(r);
        }
    }
    v
}

fn frames_json(a: &Analysis, stack: u32) -> Value {
    let stack = &a.dump.stacks[stack as usize];
    Value::Array(
        shown_frames(&a.dump, a.symbols.as_ref(), stack)
            .into_iter()
            .map(|s| match s {
                Shown::Printed(f) => frame_json(a, f),
                Shown::Address(pc, r) => {
                    let mut v = json!({
                        "function": r.map_or("?", |r| &r.function),
                        "file": r.map_or("?", |r| &r.file),
                        "line": r.map_or(0, |r| r.line),
                        "pc": format!("{pc:#x}"),
                        "from_address": true,
                    });
                    if let Some(r) = r {
                        v["resolved"] = json!(r);
                    }
                    v
                }
            })
            .collect(),
    )
}

/// The JSON the issue specifies, plus a few fields that say why a group ranks where it does.
/// Goroutines inside another method of a lock's type, or blocked in another
/// function of its package.
fn other_json(m: &crate::goroutine::lock::OtherMethod) -> Value {
    json!({
        "function": m.function,
        "goroutines": m.goroutines,
        "state": m.state,
        "wait_max_minutes": m.wait_max,
    })
}

pub fn to_json(a: &Analysis) -> Value {
    let d = &a.dump;
    let groups: Vec<Value> = a
        .ranked
        .iter()
        .map(|r| {
            let g = &a.groups[r.group];
            let stack = &d.stacks[g.stack as usize];
            let frames = frames_json(a, g.stack);
            // The top frame as shown (with --binary, a profile's runtime frame
            // above the printed ones); ranking reads the program's own frames.
            let top_function = frames.get(0).map(|f| f["function"].clone());
            let mut v = json!({
                "count": g.count,
                "state": d.name(g.state),
                "wait_min_minutes": g.wait_min,
                "wait_max_minutes": g.wait_max,
                "wait_began": a.time
                    .and_then(|t| crate::goroutine::when::wait_began(t.time, g.wait_max))
                    .map(|(earliest, latest)| json!({
                        "earliest": format_rfc3339(earliest),
                        "latest": format_rfc3339(latest),
                    })),
                "top_function": top_function,
                "frames": frames,
                "created_by": g.created_by.map(|f| frame_json(a, f)),
                "ids": g.ids(d).filter(|&id| id != 0).collect::<Vec<u64>>(),
                "members_by_wait": members_json(d, g),
                "own_function": own_frame(d, g).map(|f| d.name(d.frame(f).function)),
                "idle": r.idle,
                "panicking": r.panicking,
                "may_hold": r.may_hold.and_then(|l| a.locks.get(l)).map(|l| json!({
                    "kind": l.kind.name(),
                    "address": format!("{:#x}", l.address),
                    "waiters": l.count,
                    "variable": a.symbols.as_ref().and_then(|s| s.variable(l.address)),
                })),
                "locked_to_thread": g.locked,
                "frames_elided": stack.elided,
            });
            if let Some(l) = g.labels {
                v["labels"] = json!(d.name(l));
            }
            v
        })
        .collect();
    let locks: Vec<Value> = a
        .locks
        .iter()
        .map(|l| {
            json!({
                "address": format!("{:#x}", l.address),
                "kind": l.kind.name(),
                "count": l.count,
                "function": l.function,
                "functions": l.functions.iter().map(|(f, n)| json!({"function": f, "count": n})).collect::<Vec<_>>(),
                "wait_max_minutes": l.wait_max,
                "holders": l.holders,
                "other_methods": l.other_methods.iter().map(other_json).collect::<Vec<_>>(),
                "other_functions": l.other_functions.iter().map(other_json).collect::<Vec<_>>(),
                "other_functions_count": l.other_functions_count,
                "variable": a.symbols.as_ref().and_then(|s| s.variable(l.address)),
            })
        })
        .collect();
    let panic = d.panic.as_ref().map(|p| {
        let g = d.panicking();
        let mut v = json!({
            "kind": p.kind,
            // Whole: JSON is for scripts (the text prints the head, `quote_lines`).
            "message": p.message,
            "chain": p.chain,
            "signal": p.signal,
            "goroutine": p.goroutine,
            "frames": g.map_or(Value::Array(Vec::new()), |g| frames_json(a, g.stack)),
        });
        if let Some(s) = a.symbols.as_ref().and_then(|s| s.panic_pc.as_ref()) {
            v["pc_resolved"] = json!(s);
        }
        v
    });
    let warnings = warnings_of(a);
    let mut v = json!({
        "source": a.name,
        "kind": match d.kind { DumpKind::Traceback => "traceback", DumpKind::Profile => "profile" },
        "similarity": match a.similarity { Similarity::Exact => "exact", Similarity::Similar => "similar" },
        "time": a.time.map(|t| format_rfc3339(t.time)),
        "time_origin": a.time.map(|t| t.origin),
        "total": d.total(),
        "groups": groups,
        "lock_groups": locks,
        "unaddressed_waits": a.unaddressed.iter().map(|w| json!({
            "state": w.state,
            "function": w.function,
            "count": w.count,
        })).collect::<Vec<_>>(),
        "folded": folded_json(a),
        "panic": panic,
        "warnings": warnings,
    });
    if let Some(p) = &d.part {
        v["dump"] = json!(p);
    }
    v
}

/// A group's goroutines, longest wait first, as `{"id", "wait_minutes"}`
/// (the TUI's member list; `ids` keeps dump order).
fn members_json(d: &Dump, g: &Group) -> Value {
    Value::Array(
        members_by_wait(d, g)
            .into_iter()
            .map(|m| &d.goroutines[m as usize])
            .filter(|gr| gr.id != 0)
            .map(|gr| json!({"id": gr.id, "wait_minutes": gr.wait_minutes.unwrap_or(0)}))
            .collect(),
    )
}

fn folded_json(a: &Analysis) -> Value {
    let (groups, goroutines) = folded(a);
    json!({"groups": groups, "goroutines": goroutines})
}
