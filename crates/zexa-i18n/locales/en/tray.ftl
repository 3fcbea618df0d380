# The tray icon's tooltip and menu (crates/zexa-monitor/src/tray.rs).
# Menu labels: `&` starts a mnemonic; profile names are escaped by the code.

tray-status-no-profile = no profile set up
tray-status-checking = checking balance…
tray-status-unavailable = balance unavailable
tray-status-key-refused = API key refused
# $balance: the formatted balance ("USD 4,250.00"); $level: ok, low or zero; $stale: yes when the last poll failed.
tray-status-balance = { $balance }{ $level ->
        [zero] { " · " }sending paused
        [low] { " · " }low
       *[ok] { "" }
    }{ $stale ->
        [yes] { " · " }not updated
       *[no] { "" }
    }
tray-tooltip = Zexa — { $status }
tray-no-profile = No profile set up
tray-profile-status = { $name }: { $status }
tray-open = Open Zexa Desktop
tray-refresh-now = Refresh now
tray-profiles = Profiles
tray-quit = Quit
