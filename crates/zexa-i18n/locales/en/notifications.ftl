# Desktop notifications (crates/zexa-monitor/src/notifier.rs). Bodies are plain text.
# $name: the profile's name; $balance: the formatted balance ("USD 420.00").

notice-open = Open
notice-low-summary = Zexa credits low
notice-low-body = { $name }: { $balance } left, below your { $threshold } credit threshold. Top up in Billing → Buy Credits.
notice-zero-summary = Zexa credits used up — sending is paused
notice-zero-body = { $name }: { $balance } left. Messages and campaigns are paused until you top up in Billing → Buy Credits.
notice-key-revoked-summary = Zexa API key refused
notice-key-revoked-body = { $name }: the API key is invalid or has been revoked, so credits cannot be checked. Open Zexa Desktop to enter a new key.
notice-new-sign-in-summary = New sign-in to { $name }: { $device }, { $location }
notice-new-sign-in-body = From IP { $ip }. If this was not you, open Sessions to revoke it, then change your password.
# $days: whole days left (0: less than a day).
notice-runway-summary = { $days ->
        [0] Zexa credits run out within a day
        [one] Zexa credits run out in about { $days } day
       *[other] Zexa credits run out in about { $days } days
    }
# $per_day: credits spent a day ("140"); $date: when they run out ("Nov 27").
notice-runway-body = { $name }: { $balance } left. At the recent pace of about { $per_day } credits a day, that lasts until about { $date }. Top up in Billing → Buy Credits.
# Spend watch (crates/zexa-app/src/spend). $spent: credits ("1,200"); $times: about how many times the usual.
notice-spend-summary = Unusual spending on { $name }
notice-spend-body = { $spent } credits in the last hour, about { $times }× the usual. If you did not expect it, open API keys sorted by last use to find the key, or lock the account down.
notice-spend-body-no-usual = { $spent } credits in the last hour, where little is usually spent. If you did not expect it, open API keys sorted by last use to find the key, or lock the account down.
# The server does not offer API keys (Zexa documents only the balance): the dashboard's pages.
notice-spend-body-dashboard = { $spent } credits in the last hour, about { $times }× the usual. If you did not expect it, check Billing → Usage on the Zexa dashboard and revoke the key that is spending in Settings → API Keys.
notice-spend-body-no-usual-dashboard = { $spent } credits in the last hour, where little is usually spent. If you did not expect it, check Billing → Usage on the Zexa dashboard and revoke the key that is spending in Settings → API Keys.

# Scheduled scan for exposed keys (crates/zexa-app/src/scan). $count: new findings.
notice-exposed-keys-summary = { $count ->
    [one] A copy of a Zexa key was found
   *[other] { $count } copies of Zexa keys were found
}
notice-exposed-keys-body = The scheduled scan found { $count ->
    [one] a key
   *[other] { $count } keys
} in your folders that it had not reported before. Open Zexa Desktop to rotate or revoke it, or to ignore it if it is expected.
