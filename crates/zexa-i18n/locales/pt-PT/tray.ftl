# O ícone da área de notificação: dica e menu (crates/zexa-monitor/src/tray.rs).

tray-status-no-profile = nenhum perfil configurado
tray-status-checking = a verificar o saldo…
tray-status-unavailable = saldo indisponível
tray-status-key-refused = chave de API recusada
tray-status-balance = { $balance }{ $level ->
        [zero] { " · " }envio em pausa
        [low] { " · " }baixo
       *[ok] { "" }
    }{ $stale ->
        [yes] { " · " }não atualizado
       *[no] { "" }
    }
tray-tooltip = Zexa — { $status }
tray-no-profile = Nenhum perfil configurado
tray-profile-status = { $name }: { $status }
tray-open = Abrir o Zexa Desktop
tray-refresh-now = Atualizar agora
tray-profiles = Perfis
tray-quit = Sair
