//! Output masking for `zexa run`: every occurrence of an injected key in what the child writes to
//! a pipe or a file becomes [`MASK`], streaming, also when a key is split across two writes.
//!
//! Only the bytes of a key are replaced; everything else, escape sequences included, passes
//! through as it came, so colours survive (1Password's masking broke them:
//! `1Password/shell-plugins#413`). What could still be the start of a key is held back until the
//! next bytes tell, or the stream ends: a key is never let out half-masked.

pub const MASK: &[u8] = b"<concealed by zexa>";

pub struct Masker {
    /// Longest first, so a key that contains another is masked whole.
    keys: Vec<Vec<u8>>,
    pending: Vec<u8>,
}

impl Masker {
    pub fn new<'a>(keys: impl IntoIterator<Item = &'a [u8]>) -> Self {
        let mut keys: Vec<Vec<u8>> = keys.into_iter().filter(|k| !k.is_empty()).map(<[u8]>::to_vec).collect();
        keys.sort_by_key(|k| std::cmp::Reverse(k.len()));
        keys.dedup();
        Self { keys, pending: Vec::new() }
    }

    /// The bytes that can be written now, masked; the rest waits for the next chunk.
    pub fn feed(&mut self, chunk: &[u8]) -> Vec<u8> {
        self.pending.extend_from_slice(chunk);
        let mut out = Vec::with_capacity(self.pending.len());
        let mut at = 0;
        'scan: while at < self.pending.len() {
            let rest = &self.pending[at..];
            for key in &self.keys {
                if rest.starts_with(key) {
                    out.extend_from_slice(MASK);
                    at += key.len();
                    continue 'scan;
                }
            }
            if self.keys.iter().any(|key| rest.len() < key.len() && key.starts_with(rest)) {
                break; // perhaps a key's first bytes: wait for the next chunk
            }
            out.push(self.pending[at]);
            at += 1;
        }
        self.pending.drain(..at);
        out
    }

    /// At the end of the stream: what was held back cannot be a key any more.
    pub fn finish(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.pending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"zx_live_SECRET123456";

    fn masked_in_chunks(input: &[u8], cut: usize) -> Vec<u8> {
        let mut masker = Masker::new([KEY]);
        let mut out = masker.feed(&input[..cut]);
        out.extend(masker.feed(&input[cut..]));
        out.extend(masker.finish());
        out
    }

    #[test]
    fn a_key_is_masked_wherever_the_stream_is_cut() {
        let input = b"\x1b[32mkey=zx_live_SECRET123456\x1b[0m and zx_live_SECRET123456\n";
        let expected = b"\x1b[32mkey=<concealed by zexa>\x1b[0m and <concealed by zexa>\n".to_vec();
        for cut in 0..=input.len() {
            assert_eq!(masked_in_chunks(input, cut), expected, "cut at {cut}");
        }
    }

    #[test]
    fn byte_by_byte_and_near_misses() {
        let mut masker = Masker::new([KEY]);
        let input = b"zx_live_SECRET12345 zx_zx_live_SECRET123456!";
        let mut out = Vec::new();
        for byte in input {
            out.extend(masker.feed(std::slice::from_ref(byte)));
        }
        out.extend(masker.finish());
        assert_eq!(out, b"zx_live_SECRET12345 zx_<concealed by zexa>!");
    }

    #[test]
    fn nothing_is_held_back_that_cannot_start_a_key() {
        let mut masker = Masker::new([KEY]);
        assert_eq!(masker.feed(b"hello\n"), b"hello\n");
        assert_eq!(masker.feed(b"tail zx_li"), b"tail ");
        assert_eq!(masker.finish(), b"zx_li");
    }

    #[test]
    fn several_keys_the_longest_first_and_no_empty_key() {
        let mut masker = Masker::new([&b"abc"[..], b"abcdef", b""]);
        let mut out = masker.feed(b"xabcdefy abcz");
        out.extend(masker.finish());
        assert_eq!(out, b"x<concealed by zexa>y <concealed by zexa>z");
    }
}
