//! One running app per user session: a second launch hands its arguments to the first and exits.
//!
//! On Linux this is the protocol of `tauri-plugin-single-instance` (the bus name
//! `<identifier>.SingleInstance`, and `org.SingleInstance.DBus.ExecuteCallback(as argv, s cwd)`
//! at the name's path), spoken over libdbus, which GTK, WebKit and tao load anyway. The plugin
//! speaks it over zbus, a second D-Bus stack (1.33 MB of the binary with the keychain and
//! notifications; docs/footprint.md). macOS
//! and Windows use the plugin, which has no D-Bus there.

use tauri::{plugin::TauriPlugin, AppHandle, Runtime};

/// Calls `on_second_launch` with the arguments of each later launch, on a background thread.
pub fn plugin<R: Runtime>(
    on_second_launch: impl Fn(&AppHandle<R>, Vec<String>) + Send + Sync + 'static,
) -> TauriPlugin<R> {
    #[cfg(target_os = "linux")]
    return linux::plugin(on_second_launch);
    #[cfg(not(target_os = "linux"))]
    tauri_plugin_single_instance::init(move |app, args, _cwd| on_second_launch(app, args))
}

#[cfg(target_os = "linux")]
mod linux {
    use std::time::Duration;

    use dbus::blocking::stdintf::org_freedesktop_dbus::RequestNameReply;
    use dbus::blocking::{Connection, SyncConnection};
    use dbus::channel::MatchingReceiver;
    use dbus::message::MatchRule;
    use tauri::plugin::{Builder, TauriPlugin};
    use tauri::{AppHandle, Runtime};

    const INTERFACE: &str = "org.SingleInstance.DBus";
    const METHOD: &str = "ExecuteCallback";
    /// The running app answers from its own thread at once; a wedged one is not worth waiting on.
    const FORWARD_TIMEOUT: Duration = Duration::from_secs(5);

    /// The bus name and object path, as the plugin derives them from the identifier.
    pub(super) fn names(identifier: &str) -> (String, String) {
        let name = format!("{identifier}.SingleInstance");
        let path = format!("/{}", name.replace('.', "/").replace('-', "_"));
        (name, path)
    }

    pub(super) fn plugin<R: Runtime>(
        on_second_launch: impl Fn(&AppHandle<R>, Vec<String>) + Send + Sync + 'static,
    ) -> TauriPlugin<R> {
        Builder::new("single-instance")
            .setup(move |app, _api| {
                let (name, path) = names(&app.config().identifier);
                let handle = app.clone();
                match claim(&name, &path, move |argv| on_second_launch(&handle, argv)) {
                    Ok(Claim::First) => {}
                    Ok(Claim::HandedOver) => {
                        // Exits only once the running app accepted the arguments, as the plugin does.
                        app.cleanup_before_exit();
                        std::process::exit(0)
                    }
                    // Without a session bus there is no way to find another instance.
                    Err(ClaimError::NoBus(error)) => {
                        tracing::warn!(%error, "single instance: no D-Bus session, launching normally")
                    }
                    // Another one runs but did not answer: a second app beside it would share its
                    // settings and history files, so this launch stops.
                    Err(ClaimError::NoAnswer(error)) => {
                        tracing::error!(%error, "single instance: the running app did not answer");
                        eprintln!(
                            "Zexa Desktop is already running but did not answer ({error}). Close it (or end it in the \
                             system monitor) and start Zexa Desktop again."
                        );
                        app.cleanup_before_exit();
                        std::process::exit(1)
                    }
                }
                Ok(())
            })
            .build()
    }

    #[derive(Debug, PartialEq, Eq)]
    pub(super) enum Claim {
        /// This process holds the name and serves later launches.
        First,
        /// Another process holds it and accepted this launch's arguments.
        HandedOver,
    }

    #[derive(Debug)]
    pub(super) enum ClaimError {
        /// No session bus, or it refused the name request.
        NoBus(dbus::Error),
        /// Another process holds the name but did not take this launch's arguments.
        NoAnswer(dbus::Error),
    }

    /// Takes the bus name, or hands this launch's arguments to the process that has it.
    pub(super) fn claim(
        name: &str,
        path: &str,
        on_second_launch: impl Fn(Vec<String>) + Send + Sync + 'static,
    ) -> Result<Claim, ClaimError> {
        let connection = SyncConnection::new_session().map_err(ClaimError::NoBus)?;
        match connection.request_name(name, false, false, true).map_err(ClaimError::NoBus)? {
            RequestNameReply::PrimaryOwner | RequestNameReply::AlreadyOwner => {
                serve(connection, path, on_second_launch);
                Ok(Claim::First)
            }
            RequestNameReply::Exists | RequestNameReply::InQueue => {
                forward(name, path).map_err(ClaimError::NoAnswer)?;
                Ok(Claim::HandedOver)
            }
        }
    }

    fn forward(name: &str, path: &str) -> Result<(), dbus::Error> {
        let argv: Vec<String> = std::env::args_os().map(|arg| arg.to_string_lossy().into_owned()).collect();
        let cwd = std::env::current_dir().unwrap_or_default().to_string_lossy().into_owned();
        let connection = Connection::new_session()?;
        let proxy = connection.with_proxy(name, path, FORWARD_TIMEOUT);
        proxy.method_call::<(), _, _, _>(INTERFACE, METHOD, (argv, cwd))
    }

    /// Answers later launches on a named thread that sleeps in the bus's socket between them:
    /// no timer wakes it.
    fn serve(connection: SyncConnection, path: &str, on_second_launch: impl Fn(Vec<String>) + Send + Sync + 'static) {
        use dbus::channel::Sender;
        // Anything else sent to this connection gets libdbus's "unknown method" reply.
        let rule =
            MatchRule::new_method_call().with_path(path.to_owned()).with_interface(INTERFACE).with_member(METHOD);
        connection.start_receive(
            rule,
            Box::new(move |call, connection| {
                match call.read2::<Vec<String>, String>() {
                    Ok((argv, _cwd)) => {
                        // Replied first: the second launch exits as soon as it knows it was heard.
                        let _ = connection.send(call.method_return());
                        on_second_launch(argv);
                    }
                    Err(error) => {
                        let _ = connection.send(call.error(
                            &"org.freedesktop.DBus.Error.InvalidArgs".into(),
                            &std::ffi::CString::new(error.to_string()).unwrap_or_default(),
                        ));
                    }
                }
                true
            }),
        );
        let spawned = std::thread::Builder::new().name("single-instance".into()).spawn(move || loop {
            if let Err(error) = connection.process(Duration::from_secs(24 * 60 * 60)) {
                tracing::warn!(%error, "single instance: the session bus went away; later launches start apart");
                return;
            }
        });
        if let Err(error) = spawned {
            tracing::warn!(%error, "single instance: no thread to answer later launches");
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// Against the test session's real bus: the first claim serves, a later one hands over.
        #[test]
        fn a_later_launch_hands_its_arguments_to_the_first() {
            let (name, path) = names(&format!("ao.zexa.test.p{}", std::process::id()));
            let (heard_tx, heard) = std::sync::mpsc::channel();
            let first = claim(&name, &path, move |argv| heard_tx.send(argv).unwrap()).expect("a session bus");
            assert_eq!(first, Claim::First);

            let second = claim(&name, &path, |_| panic!("the second launch serves nothing")).unwrap();
            assert_eq!(second, Claim::HandedOver);
            let argv = heard.recv_timeout(Duration::from_secs(10)).expect("the first launch heard the second");
            let own: Vec<String> = std::env::args().collect();
            assert_eq!(argv, own, "the second launch's own command line");

            // Another interface at the same path is refused, not left waiting.
            let connection = Connection::new_session().unwrap();
            let proxy = connection.with_proxy(name.as_str(), path.as_str(), FORWARD_TIMEOUT);
            let refused = proxy.method_call::<(), _, _, _>("org.example.Other", METHOD, (Vec::<String>::new(), ""));
            assert!(refused.is_err());
        }

        /// A holder of the name that does not answer is not mistaken for no bus at all.
        #[test]
        fn a_holder_that_does_not_answer_stops_the_later_launch() {
            let (name, path) = names(&format!("ao.zexa.test.mute{}", std::process::id()));
            let mute = Connection::new_session().expect("a session bus");
            mute.request_name(name.as_str(), false, false, true).unwrap();
            // Its calls are never processed here: the forward waits out its timeout.
            let claimed = claim(&name, &path, |_| panic!("the later launch serves nothing"));
            assert!(matches!(claimed, Err(ClaimError::NoAnswer(_))), "{claimed:?}");
        }

        #[test]
        fn names_follow_the_plugin() {
            assert_eq!(
                names("ao.zexa.desktop"),
                ("ao.zexa.desktop.SingleInstance".to_owned(), "/ao/zexa/desktop/SingleInstance".to_owned())
            );
            assert_eq!(names("ao.zexa-x.app").1, "/ao/zexa_x/app/SingleInstance");
        }
    }
}
