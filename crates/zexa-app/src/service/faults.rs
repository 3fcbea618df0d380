//! The test-only fault points of the service (`containment::hooks`): a test arms a panic at a
//! point to prove it is contained. Nothing at all in a build without `fault-hooks`.

use super::AppService;
#[cfg(feature = "fault-hooks")]
use crate::containment::hooks;
use crate::containment::FaultPoint;

impl AppService {
    /// Tests only: the next time work passes `point`, it panics.
    #[cfg(feature = "fault-hooks")]
    pub fn arm_fault(&self, point: FaultPoint) {
        hooks::arm(self as *const Self as usize, point);
    }

    /// Where a test may inject a panic; nothing at all in a build without `fault-hooks`.
    #[inline(always)]
    pub(crate) fn fault_point(&self, point: FaultPoint) {
        #[cfg(feature = "fault-hooks")]
        hooks::fire(self as *const Self as usize, point);
        #[cfg(not(feature = "fault-hooks"))]
        let _ = point;
    }
}
