//! DWARF line and inline information through `addr2line`.

use std::borrow::Cow;
use std::sync::Arc;

use object::{Object, ObjectSection};

type Reader = gimli::EndianArcSlice<gimli::RunTimeEndian>;

pub struct Dwarf {
    ctx: addr2line::Context<Reader>,
}

impl Dwarf {
    /// None when the binary has no line information (stripped with `-w`).
    pub fn load(file: &object::File<'_>) -> Option<Dwarf> {
        file.section_by_name(".debug_line")?;
        let endian = if file.is_little_endian() {
            gimli::RunTimeEndian::Little
        } else {
            gimli::RunTimeEndian::Big
        };
        let load = |id: gimli::SectionId| -> Result<Reader, gimli::Error> {
            let data = file
                .section_by_name(id.name())
                .and_then(|s| s.uncompressed_data().ok())
                .unwrap_or(Cow::Borrowed(&[]));
            Ok(gimli::EndianArcSlice::new(Arc::from(&*data), endian))
        };
        let dwarf = gimli::Dwarf::load(load).ok()?;
        let ctx = addr2line::Context::from_dwarf(dwarf).ok()?;
        Some(Dwarf { ctx })
    }

    pub fn resolve(&self, addr: u64) -> Option<super::Resolved> {
        let mut frames = self.ctx.find_frames(addr).skip_all_loads().ok()?;
        let mut names = Vec::new();
        let mut first: Option<(String, u32)> = None;
        while let Ok(Some(f)) = frames.next() {
            let name = f
                .function
                .as_ref()
                .and_then(|n| n.raw_name().ok().map(|s| s.into_owned()))
                .unwrap_or_else(|| "?".into());
            if first.is_none()
                && let Some(loc) = &f.location
            {
                // -trimpath builds name files relative to "." in DWARF.
                let file = loc.file.unwrap_or("?");
                first = Some((
                    file.strip_prefix("./").unwrap_or(file).to_string(),
                    loc.line.unwrap_or(0),
                ));
            }
            names.push(name);
        }
        let (file, line) = match first {
            Some(fl) => fl,
            None => {
                let loc = self.ctx.find_location(addr).ok()??;
                (loc.file?.to_string(), loc.line.unwrap_or(0))
            }
        };
        let function = if names.is_empty() {
            "?".to_string()
        } else {
            names.remove(0)
        };
        Some(super::Resolved {
            address: format!("{addr:#x}"),
            function,
            file,
            line,
            inlined_into: names,
            inlined_unknown: false,
            via: "dwarf",
            not_in_record: false,
        })
    }
}
