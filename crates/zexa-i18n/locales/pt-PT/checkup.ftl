# As frases da verificação de segurança (crates/zexa-app/src/checkup.rs).

checkup-two-factor-on = A autenticação de dois fatores está ativada.
checkup-two-factor-off = A autenticação de dois fatores está desativada.
checkup-backup-codes-left = { $count ->
        [one] Resta { $count } código de recuperação.
       *[other] Restam { $count } códigos de recuperação.
    }
checkup-no-backup-codes = A autenticação de dois fatores está desativada, por isso não há códigos de recuperação.
checkup-admins-only = Só os administradores da conta podem ver as chaves de API.
checkup-not-offered = Este servidor não o disponibiliza; verifique no painel da Zexa.
checkup-not-checked = Não foi possível verificar: { $detail }
checkup-no-old-keys = Nenhuma chave de API tem mais de 90 dias.
checkup-old-keys = { $count ->
        [one] { $count } chave tem mais de 90 dias: { $names }.
       *[other] { $count } chaves têm mais de 90 dias: { $names }.
    }
checkup-keys-in-use = Todas as chaves de API foram usadas nos últimos 30 dias.
checkup-idle-keys = { $count ->
        [one] { $count } chave nunca foi usada ou não é usada há mais de 30 dias: { $names }.
       *[other] { $count } chaves nunca foram usadas ou não são usadas há mais de 30 dias: { $names }.
    }
checkup-no-idle-sessions = Nenhuma sessão está inativa há mais de 30 dias.
checkup-idle-sessions = { $count ->
        [one] { $count } sessão está inativa há mais de 30 dias.
       *[other] { $count } sessões estão inativas há mais de 30 dias.
    }
checkup-no-pending-rotations = Nenhuma rotação de chave ficou por terminar.
checkup-pending-rotations = { $count ->
        [one] { $count } rotação de chave está por terminar.
       *[other] { $count } rotações de chave estão por terminar.
    }
checkup-summary = { $passed } de { $total } verificações passam
