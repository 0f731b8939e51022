//! The emulator on a thread of its own, for the app's default mode and for UI tests.

use std::time::Duration;

use super::{Emulator, EmulatorConfig, EmulatorError};

/// An emulator running on its own named thread and tokio runtime; stopped when dropped.
pub struct EmbeddedEmulator {
    url: String,
    subscriptions: Vec<String>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    control: std::sync::Arc<std::sync::Mutex<Option<ControlHandle>>>,
}

/// What the owner may change while it runs.
struct ControlHandle {
    runtime: tokio::runtime::Handle,
    emulator: std::sync::Weak<Emulator>,
}

impl EmbeddedEmulator {
    /// Starts an emulator on `127.0.0.1` and a free port, and waits until it listens.
    pub fn start(config: EmulatorConfig) -> Result<Self, EmulatorError> {
        Self::start_on("127.0.0.1:0", config)
    }

    /// Starts an emulator on `listen` (e.g. the address of one just stopped, to play a
    /// restart) and waits until it listens.
    pub fn start_on(listen: &str, config: EmulatorConfig) -> Result<Self, EmulatorError> {
        let listen = listen.to_owned();
        let (ready_tx, ready_rx) = std::sync::mpsc::sync_channel(1);
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let control = std::sync::Arc::new(std::sync::Mutex::new(None));
        let control_in = control.clone();
        let thread = std::thread::Builder::new()
            .name("iejobs-emulator".to_owned())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .thread_name("iejobs-emulator-io")
                    .enable_all()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(e) => {
                        let _ = ready_tx.send(Err(EmulatorError::Bind {
                            addr: "runtime".to_owned(),
                            source: e,
                        }));
                        return;
                    }
                };
                runtime.block_on(async move {
                    match Emulator::start(&listen, config).await {
                        Ok(emulator) => {
                            let emulator = std::sync::Arc::new(emulator);
                            if let Ok(mut slot) = control_in.lock() {
                                *slot = Some(ControlHandle {
                                    runtime: tokio::runtime::Handle::current(),
                                    emulator: std::sync::Arc::downgrade(&emulator),
                                });
                            }
                            let _ = ready_tx.send(Ok((emulator.url(), emulator.subscriptions())));
                            let _ = stop_rx.await;
                            if let Ok(emulator) = std::sync::Arc::try_unwrap(emulator) {
                                emulator.shutdown().await;
                            }
                        }
                        Err(e) => {
                            let _ = ready_tx.send(Err(e));
                        }
                    }
                });
            })
            .map_err(|source| EmulatorError::Bind {
                addr: "thread".to_owned(),
                source,
            })?;
        let (url, subscriptions) =
            ready_rx
                .recv_timeout(Duration::from_mins(1))
                .map_err(|_| {
                    EmulatorError::Scenario("the embedded emulator did not start".to_owned())
                })??;
        Ok(Self {
            url,
            subscriptions,
            stop: Some(stop_tx),
            thread: Some(thread),
            control,
        })
    }

    /// `http://127.0.0.1:PORT`.
    #[must_use]
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The subscriptions it serves.
    #[must_use]
    pub fn subscriptions(&self) -> &[String] {
        &self.subscriptions
    }

    /// Runs `f` on the emulator (advance its clock, set faults, read its request log).
    pub fn with<R>(&self, f: impl FnOnce(&Emulator) -> R) -> Option<R> {
        let slot = self.control.lock().ok()?;
        let control = slot.as_ref()?;
        let emulator = control.emulator.upgrade()?;
        let _entered = control.runtime.enter();
        Some(f(&emulator))
    }
}

impl Drop for EmbeddedEmulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
