# As frases da verificação de segurança (crates/zexa-app/src/checkup/).

checkup-two-factor-on = A autenticação de dois fatores está ativada.
checkup-two-factor-off = A autenticação de dois fatores está desativada.
checkup-backup-codes-left = { $count ->
        [one] Resta { $count } código de recuperação.
       *[other] Restam { $count } códigos de recuperação.
    }
checkup-admins-only = Só os administradores da conta podem ver as chaves de API.
checkup-not-offered = Este servidor Zexa não o disponibiliza às aplicações; verifique-o no painel da Zexa.
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
checkup-summary-nothing-checked = Ainda não foi possível verificar nada
checkup-summary-to-confirm = { $count } a confirmar no painel
checkup-summary-not-checked = { $count ->
        [one] { $count } não pôde ser verificada
       *[other] { $count } não puderam ser verificadas
    }

# Neste computador.
checkup-key-in-keychain = A chave está guardada apenas em { $keychain }; a aplicação não foi iniciada com ela em ZEXA_API_KEY.
checkup-key-in-memory = A chave do sandbox fica na memória desta aplicação e nunca é escrita em lado nenhum.
checkup-key-in-env = ZEXA_API_KEY, no ambiente em que esta aplicação foi iniciada, contém esta chave em texto simples. Retire-a do perfil da shell ou do .env e inicie os programas com zexa run.
checkup-key-recent = { $days ->
        [0] Esta aplicação guardou esta chave hoje.
        [one] Esta aplicação guardou esta chave há { $days } dia.
       *[other] Esta aplicação guardou esta chave há { $days } dias.
    }
checkup-key-old = Esta aplicação guardou esta chave há { $days } dias, mais de { $max }: substitua-a por uma nova.
checkup-key-no-date = Esta chave foi guardada por uma versão anterior da aplicação, que não registava a data. Substituí-la começa a contagem.
checkup-scan-never = Ainda não foi feita nenhuma pesquisa de chaves expostas neste computador.
checkup-scan-findings = { $count ->
        [one] A última pesquisa encontrou { $count } cópia exposta de uma chave, ainda por resolver.
       *[other] A última pesquisa encontrou { $count } cópias expostas de chaves, ainda por resolver.
    }
checkup-scan-old = A última pesquisa de chaves expostas foi há { $days } dias: pesquise de novo.
checkup-scan-clean = { $days ->
        [0] A pesquisa de hoje não encontrou nenhuma chave exposta em { $folders } pastas.
        [one] A pesquisa de há { $days } dia não encontrou nenhuma chave exposta em { $folders } pastas.
       *[other] A pesquisa de há { $days } dias não encontrou nenhuma chave exposta em { $folders } pastas.
    }
checkup-zexa-run-used = { $days ->
        [0] { $program } recebeu esta chave através de zexa run hoje, do porta-chaves.
        [one] { $program } recebeu esta chave através de zexa run há { $days } dia, do porta-chaves.
       *[other] { $program } recebeu esta chave através de zexa run há { $days } dias, do porta-chaves.
    }
checkup-zexa-run-hint = Nenhum programa recebeu esta chave através de zexa run nos últimos { $days } dias. Se um programa a lê de um ficheiro ou .env, inicie-o com zexa run -- COMANDO: recebe a chave do porta-chaves de cada vez.
