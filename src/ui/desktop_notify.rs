//! Desktop notifications, delivered: the [`Notification`]s the model decides on
//! ([`crate::model::Notifier`]) go to the desktop's notification server over the session
//! D-Bus (`org.freedesktop.Notifications.Notify`, through `notify-rust` on zbus, pure Rust).
//!
//! Sending never blocks the window: [`DesktopNotifier::send`] puts the notification on a
//! bounded queue read by one named thread, and drops it (with a warning) when the queue is
//! full. Each delivery gives up after [`DELIVERY_TIMEOUT`] rather than D-Bus's 25 s. A
//! desktop without a notification server (a CI machine without a session bus) is warned
//! about once in the log, never shown as an error: the window works the same without it.

use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::time::Duration;

use crate::model::Notification;

/// Notifications waiting for the delivery thread; more are dropped (the model groups
/// bursts, so even a bulk action makes a handful).
pub const QUEUE: usize = 16;
/// How long one delivery may take before it is given up.
pub const DELIVERY_TIMEOUT: Duration = Duration::from_secs(3);
/// The application name and icon the desktop shows (the installed launcher's and icon's).
pub const APP_NAME: &str = "iejobs";

/// Why a notification did not reach the desktop.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    /// The delivery's small async runtime could not start.
    #[error("cannot start the notification runtime: {0}")]
    Runtime(#[source] std::io::Error),
    /// The session bus or the notification server did not answer in time.
    #[error("no answer from the notification server within {0:?}")]
    TimedOut(Duration),
    /// No session bus, no notification server, or the server refused.
    #[error("{0}")]
    Bus(String),
    /// This platform has no desktop notifications in this build.
    #[error("desktop notifications are not supported on this platform")]
    Unsupported,
}

/// The sending end of the delivery thread; dropping it ends the thread.
#[derive(Debug)]
pub struct DesktopNotifier {
    queue: SyncSender<Notification>,
}

impl DesktopNotifier {
    /// Starts the delivery thread (`iejobs-notify`).
    pub fn spawn() -> std::io::Result<Self> {
        let (queue, receiver) = std::sync::mpsc::sync_channel(QUEUE);
        std::thread::Builder::new()
            .name("iejobs-notify".to_owned())
            .spawn(move || deliver_all(&receiver))?;
        Ok(Self { queue })
    }

    /// Queues a notification, without waiting: dropped with a warning when the queue is
    /// full.
    pub fn send(&self, notification: Notification) {
        match self.queue.try_send(notification) {
            Ok(()) => {}
            Err(TrySendError::Full(dropped)) => tracing::warn!(
                title = dropped.title,
                "desktop notification dropped: {QUEUE} are already waiting"
            ),
            Err(TrySendError::Disconnected(_)) => {
                tracing::debug!("desktop notification not sent: the delivery thread ended");
            }
        }
    }
}

/// The delivery thread: one at a time, until the window drops its sender. The first
/// failure is a warning, the others debug lines: a desktop without notifications says so
/// once.
fn deliver_all(receiver: &Receiver<Notification>) {
    let runtime = match runtime() {
        Ok(runtime) => runtime,
        Err(e) => {
            tracing::warn!("desktop notifications are off: {e}");
            return;
        }
    };
    let mut warned = false;
    for notification in receiver {
        match deliver_with(&runtime, &notification, DELIVERY_TIMEOUT) {
            Ok(()) => tracing::debug!(title = notification.title, "desktop notification sent"),
            Err(e) if !warned => {
                warned = true;
                tracing::warn!(
                    "desktop notifications cannot be shown: {e} (said once; the window \
                     works the same)"
                );
            }
            Err(e) => tracing::debug!("desktop notification not shown: {e}"),
        }
    }
}

/// Delivers one notification now, waiting at most `timeout`: what the delivery thread does
/// for each, and what the D-Bus test calls.
pub fn deliver(notification: &Notification, timeout: Duration) -> Result<(), DeliveryError> {
    deliver_with(&runtime()?, notification, timeout)
}

/// A one-thread runtime with a clock, for the timeout (zbus brings its own I/O reactor).
fn runtime() -> Result<tokio::runtime::Runtime, DeliveryError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .map_err(DeliveryError::Runtime)
}

#[cfg(target_os = "linux")]
fn deliver_with(
    runtime: &tokio::runtime::Runtime,
    notification: &Notification,
    timeout: Duration,
) -> Result<(), DeliveryError> {
    let mut desktop = notify_rust::Notification::new();
    desktop
        .appname(APP_NAME)
        .icon(APP_NAME)
        .hint(notify_rust::Hint::DesktopEntry(APP_NAME.to_owned()))
        .summary(&notification.title)
        .body(&escape(&notification.body));
    runtime
        // The timeout's clock is made inside the runtime, hence the async block.
        .block_on(async { tokio::time::timeout(timeout, desktop.show_async()).await })
        .map_err(|_| DeliveryError::TimedOut(timeout))?
        .map(drop)
        .map_err(|e| DeliveryError::Bus(e.to_string()))
}

#[cfg(not(target_os = "linux"))]
fn deliver_with(
    _runtime: &tokio::runtime::Runtime,
    _notification: &Notification,
    _timeout: Duration,
) -> Result<(), DeliveryError> {
    Err(DeliveryError::Unsupported)
}

/// The body as notification servers read it: they may take `<b>` and `&amp;` as markup, so
/// a job name or a message holding `<` or `&` is escaped.
#[must_use]
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_names_is_escaped() {
        assert_eq!(escape("a<b> & c"), "a&lt;b&gt; &amp; c");
        assert_eq!(escape("dr-test-restore (rg)"), "dr-test-restore (rg)");
    }
}
