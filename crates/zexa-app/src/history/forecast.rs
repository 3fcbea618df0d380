//! The credit runway from the balance history, as pure functions of the samples and `now`.
