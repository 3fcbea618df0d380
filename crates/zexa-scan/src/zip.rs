//! Zip archives, read from their central directory and scanned member by member through the
//! same bounded stream as files. Stored and deflated members are read (what zip tools write);
//! encrypted members, zip64 and other methods are listed as skipped. A nested archive is listed,
//! not opened: one level covers a project zipped for a contractor.

use std::io::{self, Read, Seek, SeekFrom};
use std::sync::Mutex;

use flate2::read::DeflateDecoder;

use crate::control::Control;
use crate::report::{Accumulator, SkipReason};
use crate::stream::{self, Located, Outcome};
use crate::walk::lock;
use crate::Scanner;

const END_OF_DIRECTORY: u32 = 0x0605_4b50;
const DIRECTORY_ENTRY: u32 = 0x0201_4b50;
const LOCAL_HEADER: u32 = 0x0403_4b50;
/// The end record (22 bytes) plus the longest comment a zip can have.
const END_SEARCH: u64 = 22 + 0xFFFF;
/// A central directory larger than this is not read (about a million members).
const MAX_DIRECTORY: u64 = 64 << 20;

struct Member {
    name: String,
    flags: u16,
    method: u16,
    compressed: u64,
    size: u64,
    local_header: u64,
}

/// What a member holds, found at a place: given the member's name.
pub type Found<'f> = dyn FnMut(&str, Located) + 'f;

pub fn scan_archive<R: Read + Seek>(
    scanner: &Scanner,
    reader: &mut R,
    archive: &str,
    accumulator: &Mutex<Accumulator<'_>>,
    control: &Control,
    scratch: &mut Vec<u8>,
    found: &mut Found<'_>,
) -> io::Result<()> {
    let members = match directory(reader)? {
        Ok(members) => members,
        Err(detail) => {
            lock(accumulator).skip(archive.to_owned(), SkipReason::Unsupported { detail: detail.to_owned() });
            return Ok(());
        }
    };
    let cap = scanner.options.size_cap;
    for member in members {
        if control.is_cancelled() {
            return Ok(());
        }
        let path = format!("{archive}!{}", member.name);
        let unsupported = |detail: &str| SkipReason::Unsupported { detail: detail.to_owned() };
        if member.flags & 1 != 0 {
            lock(accumulator).skip(path, unsupported("encrypted zip member"));
            continue;
        }
        if member.size > cap {
            lock(accumulator).skip(path, SkipReason::TooLarge { size: member.size, cap });
            continue;
        }
        reader.seek(SeekFrom::Start(member.local_header))?;
        let mut header = [0u8; 30];
        reader.read_exact(&mut header)?;
        if u32_at(&header, 0) != LOCAL_HEADER {
            lock(accumulator).skip(path, unsupported("damaged zip member"));
            continue;
        }
        let skip = u16_at(&header, 26) as i64 + u16_at(&header, 28) as i64;
        reader.seek(SeekFrom::Current(skip))?;
        // The declared size bounds what is inflated, so a zip bomb costs no more than its claim.
        let raw = (&mut *reader).take(member.compressed);
        let mut data: Box<dyn Read + '_> = match member.method {
            0 => Box::new(raw),
            8 => Box::new(DeflateDecoder::new(raw).take(member.size)),
            _ => {
                lock(accumulator).skip(path, unsupported("zip compression method other than deflate"));
                continue;
            }
        };
        let outcome = stream::scan(&scanner.patterns, &mut data, control, scratch, &mut |hit| found(&member.name, hit));
        match outcome {
            Ok(Outcome::Binary) => lock(accumulator).report.binary_files += 1,
            Ok(Outcome::Zip) => lock(accumulator).skip(path, unsupported("zip inside a zip")),
            Ok(_) => {}
            Err(error) => lock(accumulator).unreadable(path, error.to_string()),
        }
        control.file_done(archive);
    }
    Ok(())
}

/// The members, or why the archive cannot be read here.
fn directory<R: Read + Seek>(reader: &mut R) -> io::Result<Result<Vec<Member>, &'static str>> {
    let len = reader.seek(SeekFrom::End(0))?;
    let tail_len = len.min(END_SEARCH);
    reader.seek(SeekFrom::Start(len - tail_len))?;
    let mut tail = vec![0u8; tail_len as usize];
    reader.read_exact(&mut tail)?;
    let Some(end) = (0..tail.len().saturating_sub(21)).rev().find(|&i| u32_at(&tail, i) == END_OF_DIRECTORY) else {
        return Ok(Err("no zip directory (damaged or not a zip)"));
    };
    let count = u16_at(&tail, end + 10) as usize;
    let size = u32_at(&tail, end + 12) as u64;
    let offset = u32_at(&tail, end + 16) as u64;
    if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
        return Ok(Err("zip64 archive"));
    }
    if size > MAX_DIRECTORY || offset + size > len {
        return Ok(Err("zip directory too large or damaged"));
    }
    reader.seek(SeekFrom::Start(offset))?;
    let mut dir = vec![0u8; size as usize];
    reader.read_exact(&mut dir)?;
    let mut members = Vec::with_capacity(count.min(1 << 16));
    let mut at = 0usize;
    while at + 46 <= dir.len() && u32_at(&dir, at) == DIRECTORY_ENTRY {
        let name_len = u16_at(&dir, at + 28) as usize;
        let entry_len = 46 + name_len + u16_at(&dir, at + 30) as usize + u16_at(&dir, at + 32) as usize;
        let Some(name) = dir.get(at + 46..at + 46 + name_len) else { break };
        let name = String::from_utf8_lossy(name).into_owned();
        if !name.ends_with('/') {
            members.push(Member {
                name,
                flags: u16_at(&dir, at + 8),
                method: u16_at(&dir, at + 10),
                compressed: u32_at(&dir, at + 20) as u64,
                size: u32_at(&dir, at + 24) as u64,
                local_header: u32_at(&dir, at + 42) as u64,
            });
        }
        at += entry_len;
    }
    Ok(Ok(members))
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}
