# As frases de erro produzidas pelo Rust (IpcError.message), com zexa_core::ipc_error!.

## Definições

error-poll-interval = O intervalo de verificação tem de estar entre { $min } e { $max } minutos.
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
