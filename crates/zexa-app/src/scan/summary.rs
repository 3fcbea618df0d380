//! What the checkup reads of the last scan ("No exposed copies of your keys"): when it ended,
//! how many findings were left open (not ignored), over how many folders. No key, no place.

/// The last finished scan, as the checkup sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastScan {
    pub finished_at: time::OffsetDateTime,
    pub open_findings: u32,
    pub folders: u32,
}
