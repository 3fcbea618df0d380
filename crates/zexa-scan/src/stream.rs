//! Scans any reader in fixed-size pieces, so memory stays bounded whatever the file size: each
//! piece keeps the end of the previous one (the longest reach of a rule), so a key cut in two by
//! a read is still found, once.

use std::io::{self, Read};

use memchr::{memchr_iter, memrchr};

use crate::control::Control;
use crate::matcher::{self, Hit, Secret, Window, LOOKBEHIND};
use crate::patterns::Patterns;

/// Bytes read per piece.
pub const CHUNK: usize = 1 << 20;
/// Git's rule: a NUL in the first 8 KiB means binary.
const SNIFF: usize = 8 << 10;
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// A candidate at its place: 1-based line and column (in characters of UTF-8 text).
pub struct Located {
    pub line: u64,
    pub column: u64,
    pub secret: Secret,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Read to the end; this many bytes.
    Scanned(u64),
    /// Binary by content; nothing reported.
    Binary,
    /// A zip archive: the caller scans its members. The scratch buffer holds the first piece.
    Zip,
    Cancelled,
}

/// Where a line starts, for columns: inside the buffer, or this many characters before it.
#[derive(Clone, Copy)]
struct LineStart {
    lines_before: u64,
    chars_before: u64,
}

pub fn scan(
    patterns: &Patterns,
    reader: &mut dyn Read,
    control: &Control,
    scratch: &mut Vec<u8>,
    emit: &mut dyn FnMut(Located),
) -> io::Result<Outcome> {
    let lookahead = matcher::lookahead(patterns);
    let keep = LOOKBEHIND + lookahead;
    let mut base = 0u64;
    let mut from = 0usize;
    let mut start = LineStart { lines_before: 0, chars_before: 0 };
    let mut hits: Vec<Hit> = Vec::new();
    let mut pending: Vec<(u64, Secret)> = Vec::new();
    scratch.clear();
    scratch.reserve(CHUNK + keep);
    loop {
        if control.is_cancelled() {
            return Ok(Outcome::Cancelled);
        }
        let want = (CHUNK + keep - scratch.len()) as u64;
        let read = (&mut *reader).take(want).read_to_end(scratch)?;
        let at_end = (read as u64) < want;
        control.add_bytes(read as u64);
        if base == 0 {
            if scratch.starts_with(ZIP_MAGIC) {
                return Ok(Outcome::Zip);
            }
            if memchr::memchr(0, &scratch[..scratch.len().min(SNIFF)]).is_some() {
                return Ok(Outcome::Binary);
            }
        }
        let to = if at_end { scratch.len() } else { scratch.len() - lookahead };
        let window = Window { buf: scratch, from, to, at_start: base == 0, at_end };
        matcher::find(patterns, &window, &mut hits);
        pending.extend(hits.drain(..).map(|hit| (base + hit.at as u64, hit.secret)));
        // A value found after its name may also be found as an exact key in the next piece (same
        // offset); only what lies before this piece's end is settled.
        let settled_before = if at_end { u64::MAX } else { base + to as u64 };
        emit_settled(scratch, base, start, &mut pending, settled_before, emit);
        if at_end {
            return Ok(Outcome::Scanned(base + scratch.len() as u64));
        }
        let drop = to - LOOKBEHIND;
        start = advance(start, &scratch[..drop]);
        scratch.drain(..drop);
        base += drop as u64;
        from = LOOKBEHIND;
    }
}

/// Emits, in file order, every pending candidate before `settled_before`, one per offset (the
/// most certain reading).
fn emit_settled(
    buf: &[u8],
    base: u64,
    start: LineStart,
    pending: &mut Vec<(u64, Secret)>,
    settled_before: u64,
    emit: &mut dyn FnMut(Located),
) {
    if pending.is_empty() {
        return;
    }
    pending.sort_by_key(|(at, secret)| (*at, secret.rank()));
    pending.dedup_by_key(|(at, _)| *at);
    let split = pending.partition_point(|(at, _)| *at < settled_before);
    let mut cursor = Cursor { at: 0, lines: start.lines_before, line_start: None };
    for (at, secret) in pending.drain(..split) {
        let index = (at - base) as usize;
        let (line, column) = cursor.position(buf, index, start.chars_before);
        emit(Located { line, column, secret });
    }
}

/// Walks forward through a buffer, counting lines only as far as the candidates need.
struct Cursor {
    at: usize,
    lines: u64,
    /// Index just past the last newline seen, if any in this buffer.
    line_start: Option<usize>,
}

impl Cursor {
    fn position(&mut self, buf: &[u8], index: usize, chars_before: u64) -> (u64, u64) {
        let span = &buf[self.at..index];
        self.lines += memchr_iter(b'\n', span).count() as u64;
        if let Some(last) = memrchr(b'\n', span) {
            self.line_start = Some(self.at + last + 1);
        }
        self.at = index;
        let column = match self.line_start {
            Some(line_start) => chars(&buf[line_start..index]),
            None => chars_before + chars(&buf[..index]),
        };
        (self.lines + 1, column + 1)
    }
}

fn advance(start: LineStart, dropped: &[u8]) -> LineStart {
    let lines_before = start.lines_before + memchr_iter(b'\n', dropped).count() as u64;
    let chars_before = match memrchr(b'\n', dropped) {
        Some(last) => chars(&dropped[last + 1..]),
        None => start.chars_before + chars(dropped),
    };
    LineStart { lines_before, chars_before }
}

/// UTF-8 characters: every byte that does not continue a character.
fn chars(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccountKey, KnownKey};

    const KEY: &str = "zx_live_Q8xr2mN7vB4kL9pZ3tY6wE1sD5fG0hJ2kL4m";

    fn positions(text: &[u8]) -> Vec<(u64, u64)> {
        let known = vec![KnownKey { secret: KEY.to_owned().into(), label: "p".into() }];
        let patterns = Patterns::build(&known, &Vec::<AccountKey>::new());
        let mut found = Vec::new();
        let mut scratch = Vec::new();
        let outcome = scan(&patterns, &mut &text[..], &Control::default(), &mut scratch, &mut |hit| {
            assert!(matches!(hit.secret, Secret::Known(0)));
            found.push((hit.line, hit.column));
        })
        .unwrap();
        assert_eq!(outcome, Outcome::Scanned(text.len() as u64));
        found
    }

    #[test]
    fn a_key_across_every_piece_boundary_is_found_once_at_its_line_and_column() {
        // Lines of 100 bytes; keys placed so that some straddle the 1 MiB piece boundaries.
        let mut text = Vec::new();
        let mut expected = Vec::new();
        let mut line = 1u64;
        while text.len() < 3 * CHUNK + 5000 {
            let near_boundary = (text.len() % CHUNK) > CHUNK - 300;
            let last = expected.last().map_or(0, |(l, _)| *l);
            if (near_boundary && last + 3 < line) || last + 997 < line {
                text.extend_from_slice("é = \"".as_bytes());
                expected.push((line, 6));
                text.extend_from_slice(KEY.as_bytes());
                text.extend_from_slice(b"\"\n");
            } else {
                text.extend_from_slice(&[b'a'; 99]);
                text.push(b'\n');
            }
            line += 1;
        }
        assert!(expected.len() > 5);
        assert_eq!(positions(&text), expected);
    }

    /// 16 MiB of text from a reader that makes it on the fly, the key at the very end.
    struct Endless {
        left: usize,
        tail: &'static [u8],
    }

    impl Read for Endless {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if self.left == 0 {
                let n = self.tail.len().min(out.len());
                out[..n].copy_from_slice(&self.tail[..n]);
                self.tail = &self.tail[n..];
                return Ok(n);
            }
            let n = self.left.min(out.len());
            for (i, b) in out[..n].iter_mut().enumerate() {
                *b = if (self.left - i) & 63 == 0 { b'\n' } else { b'a' };
            }
            self.left -= n;
            Ok(n)
        }
    }

    #[test]
    fn a_huge_stream_is_read_in_bounded_pieces() {
        let known = vec![KnownKey { secret: KEY.to_owned().into(), label: "p".into() }];
        let patterns = Patterns::build(&known, &Vec::<AccountKey>::new());
        let size = 16 << 20;
        let mut reader = Endless { left: size, tail: b"\nk=zx_live_Q8xr2mN7vB4kL9pZ3tY6wE1sD5fG0hJ2kL4m" };
        let mut scratch = Vec::new();
        let mut found = Vec::new();
        let outcome = scan(&patterns, &mut reader, &Control::default(), &mut scratch, &mut |hit| {
            found.push((hit.line, hit.column))
        });
        assert!(matches!(outcome.unwrap(), Outcome::Scanned(_)));
        assert_eq!(found, vec![(size as u64 / 64 + 2, 3)]);
        assert!(scratch.capacity() < 2 * CHUNK, "memory stays at one piece: {}", scratch.capacity());
    }

    #[test]
    fn a_line_longer_than_a_piece_keeps_its_column() {
        let mut text = vec![b'x'; 2 * CHUNK + 17];
        text.extend_from_slice(b" ");
        text.extend_from_slice(KEY.as_bytes());
        assert_eq!(positions(&text), vec![(1, 2 * CHUNK as u64 + 19)]);
    }
}
