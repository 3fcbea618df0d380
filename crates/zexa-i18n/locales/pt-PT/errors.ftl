# As frases de erro produzidas pelo Rust (IpcError.message), com zexa_core::ipc_error!.

## Definições

error-poll-interval = O intervalo de verificação tem de estar entre { $min } e { $max } minutos.
error-spend-multiple = O alerta de gastos tem de estar entre { $min } e { $max } vezes o gasto habitual.
error-spend-floor = O mínimo do alerta de gastos tem de estar entre { $min } e { $max } créditos por hora.
error-settings-corrupt = Não foi possível ler o ficheiro de definições ({ $reason }). Foi guardado como { $path } e estão em uso as definições predefinidas.
error-settings-newer = foi escrito por uma versão mais recente do Zexa Desktop (formato { $format })
error-settings-io = Não foi possível { $action ->
        [read] ler
        [created] criar
        [replaced] substituir
        [moved-aside] pôr de parte
       *[written] escrever
    } o ficheiro de definições { $path }: { $detail }
error-settings-no-folder = O Zexa Desktop não encontrou uma pasta para as suas definições (o sistema não indica uma pasta de configuração, por exemplo HOME não está definido), por isso não é possível guardá-las. Defina HOME (ou XDG_CONFIG_HOME) e reinicie.

## Respostas da API da Zexa

error-api-unauthorized = A chave de API foi recusada: é inválida ou foi revogada.
error-api-forbidden = A sua função não permite isto: só os administradores da conta podem gerir chaves de API e a faturação.
error-api-not-found = Já não existe: pode já ter sido revogada ou a configuração pode ter expirado.
error-api-invalid-request = O servidor não conseguiu ler o pedido.
error-api-invalid-code = Esse código não é válido. Introduza o código atual de 6 dígitos da sua aplicação de autenticação.
error-api-invalid-current-password = A palavra-passe atual não está correta.
error-api-conflict-detail = Isto não pode ser feito no estado atual: { $detail }
error-api-conflict = Isto não pode ser feito no estado atual.
error-api-insufficient-credits = Não há créditos suficientes. Carregue em Faturação → Comprar créditos em https://app.zexa.ao.
error-api-rate-limited-wait = Demasiados pedidos. Tente novamente dentro de { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }.
error-api-rate-limited = Demasiados pedidos. Tente novamente daqui a pouco.
error-api-server = O servidor da Zexa teve um problema. Tente novamente mais tarde.
error-api-timeout = O servidor da Zexa não respondeu a tempo.
error-api-network = Não foi possível contactar o servidor da Zexa. Verifique a ligação à Internet.
error-api-too-large = A resposta do servidor era demasiado grande e foi recusada.
error-api-bad-response = Não foi possível compreender a resposta do servidor.
error-api-not-offered = { $feature ->
        [credits] Este servidor não disponibiliza o saldo de créditos; use Faturação em { $dashboard }.
        [account] Este servidor não disponibiliza os dados da conta; use Definições em { $dashboard }.
        [api-keys] Este servidor não disponibiliza a gestão de chaves de API; use Definições → Chaves de API em { $dashboard }.
        [sessions] Este servidor não disponibiliza a gestão de sessões; use Definições → Segurança → Sessões ativas em { $dashboard }.
        [two-factor] Este servidor não disponibiliza a autenticação de dois fatores; use Definições → Segurança → Autenticação de dois fatores em { $dashboard }.
       *[password] Este servidor não disponibiliza a alteração da palavra-passe; use Definições → Segurança → Alterar palavra-passe em { $dashboard }.
    }
error-api-insecure-url = O endereço do servidor foi recusado: { $reason }. Use um endereço https://.
error-api-password-needs = A nova palavra-passe precisa de { $rules }.
password-rule-min-length = pelo menos 8 caracteres
password-rule-uppercase = uma letra maiúscula
password-rule-number = um algarismo
password-rule-special = um carácter especial, como ! @ # $
error-api-not-accepted = Não aceite: { $detail }.
error-api-field-not-accepted = O campo { $field } não foi aceite.
error-api-input-not-accepted = Os dados introduzidos não foram aceites.
list-and = { $init } e { $last }

## O porta-chaves do sistema

error-keychain-unavailable-linux = O Zexa Desktop guarda as chaves de API apenas no porta-chaves do sistema, e nenhum Secret Service respondeu. Instale e inicie um porta-chaves como o GNOME Keyring (gnome-keyring) ou o KWallet e tente novamente.
error-keychain-unavailable = O Zexa Desktop guarda as chaves de API apenas no porta-chaves do sistema, e não foi possível contactá-lo. Verifique se o serviço do porta-chaves está a funcionar e tente novamente.
error-keychain-platform = { $help } (Detalhes: { $detail })
error-keychain-entry-unreadable = A chave guardada no porta-chaves do sistema para este perfil não pode ser lida (detalhes: { $detail }). Não foi enviada para lado nenhum. Use Substituir chave para guardar a chave novamente.
error-keychain-locked = O porta-chaves do sistema está bloqueado. Desbloqueie-o (por exemplo, iniciando sessão no GNOME Keyring ou no KWallet) e tente novamente.
error-keychain-denied = O acesso ao porta-chaves do sistema foi recusado. Permita que o Zexa Desktop o use e tente novamente.
error-keychain-timeout = O porta-chaves do sistema não respondeu em { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }. Se estiver a pedir para ser desbloqueado, responda ao pedido e tente novamente.

## Arranque com a sessão e o navegador

autostart-entry-place = { $platform ->
        [macos] ~/Library/LaunchAgents
        [windows] a chave Run do registo do seu utilizador (HKCU\Software\Microsoft\Windows\CurrentVersion\Run)
       *[linux] ~/.config/autostart
    }
error-autostart-not-checked = Não foi possível verificar se o Zexa Desktop arranca com a sessão ({ $detail }). Verifique se { $place } pode ser lido e abra novamente as Definições.
error-autostart-not-turned-on = Não foi possível ativar o arranque com a sessão ({ $detail }). Verifique se é possível escrever em { $place } e tente novamente.
error-autostart-not-turned-off = Não foi possível desativar o arranque com a sessão ({ $detail }). Tente novamente ou remova a entrada “Zexa Desktop” de { $place }.
error-browser-not-opened = Não foi possível abrir o navegador: { $detail }.

## Histórico do saldo e autonomia

error-history-unreadable = Não foi possível ler o histórico do saldo ({ $detail }).
error-runway-days-too-many = O aviso de autonomia pode ser dado, no máximo, com { $max } dias de antecedência.

## Segredos mostrados uma só vez

error-secret-gone = Este segredo já não está disponível: foi mostrado uma única vez e foi apagado da memória.

## Um comando que falhou de forma inesperada

error-contained-panic = Algo correu mal dentro do Zexa Desktop e esta ação não foi concluída. Tente novamente; se continuar a acontecer, reinicie a aplicação.

## Chaves de API

error-key-not-in-list = Essa chave já não está ativa. A lista foi atualizada.
error-key-name-empty = Dê um nome à chave.
error-key-name-too-long = Os nomes das chaves têm, no máximo, { $max } caracteres.
error-key-name-taken = Já existe outra chave ativa com este nome.
error-slot-not-a-key = Só uma chave de API nova pode ser usada num perfil.
error-sandbox-key-new-profile = As chaves do sandbox só funcionam enquanto a aplicação está aberta: use esta chave no perfil Sandbox.
error-key-other-server = Esta chave pertence a um servidor da Zexa diferente do desse perfil.
error-key-origin-profile-gone = O perfil em que esta chave foi criada já não existe.
error-own-key-not-listed = A chave deste perfil não está na lista de chaves da conta, por isso não pode ser rodada aqui. Use Substituir chave com uma chave nova do painel.
error-rotation-own-key = Esta aplicação inicia sessão com essa chave: use Rodar, que a substitui num só passo.
error-rotation-under-way = Já está em curso uma rotação desta chave (substituta “{ $name }”). Termine-a ou cancele-a primeiro.
error-rotation-not-pending = Essa rotação já não está pendente.
error-own-key-ambiguous = Há duas chaves desta conta que começam por { $prefix } (“{ $first }” e “{ $second }”), por isso a aplicação não consegue saber qual delas este perfil usa e não alterou nada. Rode ou revogue no painel (Definições → Chaves de API) a chave que não usa e tente novamente.
error-cancel-new-key-in-use = A nova chave { $key } não foi revogada: { $count ->
        [one] o perfil { $names } desta aplicação usa-a
       *[other] os perfis { $names } desta aplicação usam-na
    }. Cancele e mantenha a chave, ou revogue-a na lista, que indica quem perde o acesso.

## Perfis e as suas chaves

error-no-profile = Ainda não há nenhum perfil configurado. Adicione primeiro uma chave de API.
error-profile-gone = Esse perfil já não existe.
error-no-stored-key = Não há nenhuma chave de API guardada para o perfil “{ $profile }”. Use Substituir chave para adicionar uma.
error-key-bound-elsewhere = A chave de “{ $profile }” foi guardada para { $bound }, mas o perfil aponta agora para { $now }. A chave não foi enviada. Se alterou o endereço de propósito, use Substituir chave.
error-key-missing = Cole uma chave de API.
error-key-malformed = Isso não parece uma chave de API: tem caracteres que uma chave não pode ter. Copie a chave de novo em Definições → Chaves de API no painel.
error-profile-key-refused = A chave foi recusada: é inválida ou foi revogada. Nada foi guardado.
error-profile-key-not-checked = A chave não foi verificada: { $detail } Nada foi guardado; verifique a ligação e tente novamente.
error-profile-key-check-failed = Não foi possível verificar a chave: { $detail } Nada foi guardado.
error-profile-name-missing = Dê um nome ao perfil.
error-profile-name-too-long = Os nomes dos perfis têm, no máximo, { $max } caracteres.
error-profile-name-taken = Já existe um perfil chamado “{ $name }”.
error-env-key-not-set = A variável ZEXA_API_KEY não está definida no ambiente.
error-env-key-not-confirmed = A ZEXA_API_KEY não foi enviada: o endereço não é o da Zexa nem o da sandbox da aplicação, e o envio da chave para lá não foi confirmado.

## Autenticação de dois fatores

error-totp-code-format = Introduza o código de { $digits } dígitos da sua aplicação de autenticação.
error-any-code-format = Introduza o código de { $digits } dígitos da sua aplicação de autenticação ou um dos seus códigos de recuperação.
error-two-factor-wrong-code = Esse código não está certo. Introduza o código que a sua aplicação de autenticação mostra agora. Se continuar a falhar, verifique se a data e a hora do telemóvel são definidas automaticamente.
error-two-factor-locked = Demasiados códigos errados: as alterações à autenticação de dois fatores estão bloqueadas durante algum tempo.
error-two-factor-locked-wait = Demasiados códigos errados: as alterações à autenticação de dois fatores estão bloqueadas durante algum tempo. Tente novamente dentro de { $seconds ->
        [one] { $seconds } segundo
       *[other] { $seconds } segundos
    }.
error-two-factor-setup-expired = A configuração expirou ou foi substituída (uma configuração dura { $minutes ->
        [one] { $minutes } minuto
       *[other] { $minutes } minutos
    }). Comece de novo para obter um novo código QR.
error-qr-not-drawn = Não foi possível desenhar o código QR ({ $detail }). Use antes a chave de configuração.
error-slot-not-backup-codes = Só os códigos de recuperação podem ser guardados num ficheiro.
error-file-not-saved = Não foi possível guardar o ficheiro ({ $detail }). Escolha outra pasta e tente novamente.

## Palavra-passe

error-current-password-missing = Introduza a sua palavra-passe atual.
error-current-password-wrong = A palavra-passe atual não está correta. Nada foi alterado.
error-new-passwords-differ = As duas novas palavras-passe não são iguais.

## O sandbox integrado

error-sandbox-not-started = Não foi possível iniciar o sandbox: { $detail }.
error-sandbox-not-running = O sandbox não está a funcionar.
error-spending-sandbox-only = Os gastos só podem ser simulados no sandbox.
error-spending-range = Escolha entre { $min } e { $max } créditos por minuto.

## Identificadores vindos da janela e a área de transferência

error-id-malformed = Esse identificador não é um dos que a Zexa atribui. Atualize a lista e tente novamente.
error-clipboard-unavailable = Não foi possível usar a área de transferência. Selecione o texto e copie-o manualmente e, depois, limpe a área de transferência.

## A rotação manual (crates/zexa-app/src/manual_rotation/)

error-manual-rotation-offered = Este servidor cria as chaves ele próprio: rode a chave em Chaves de API.
# $prefix: o início da chave antiga, como o painel a lista.
error-manual-rotation-pending = A chave antiga ({ $prefix }) ainda tem de ser revogada. Revogue-a no painel da Zexa, ou indique que já a revogou, antes de rodar de novo.
error-manual-rotation-same-key = Esta é a chave que o perfil já usa. Crie uma chave nova no painel da Zexa e cole essa.
error-manual-rotation-nothing-pending = Nenhuma chave antiga de { $profile } está à espera de ser revogada.
error-old-key-still-works = A chave antiga ({ $prefix }) ainda funciona: ainda não foi revogada. Revogue-a no painel da Zexa e verifique de novo.
# $detail: porque falhou o pedido.
error-old-key-not-checked = Não foi possível verificar a chave antiga ({ $detail }). Tente de novo daqui a pouco.
