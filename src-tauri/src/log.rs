//! Where the raw, English error detail goes: the domain logs it with `tracing` when an error
//! crosses to the UI (the engineer sees only the Chinese sentence). It is written to stderr, one
//! line per event, so a maintainer running the app from a terminal, or reading the service's
//! journal, sees what SQLite or the OS actually said.

/// Installs the stderr log for the whole process (once; a second call does nothing).
pub fn init() {
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .try_init();
}
