# Notificações do sistema (crates/zexa-monitor/src/notifier.rs). Texto simples.

notice-open = Abrir
notice-low-summary = Créditos da Zexa baixos
notice-low-body = { $name }: restam { $balance }, abaixo do seu limite de { $threshold } créditos. Carregue em Faturação → Comprar créditos.
notice-zero-summary = Créditos da Zexa esgotados — o envio está em pausa
notice-zero-body = { $name }: restam { $balance }. As mensagens e campanhas ficam em pausa até carregar em Faturação → Comprar créditos.
notice-key-revoked-summary = Chave de API da Zexa recusada
notice-key-revoked-body = { $name }: a chave de API é inválida ou foi revogada, por isso não é possível verificar os créditos. Abra o Zexa Desktop para introduzir uma nova chave.
notice-new-sign-in-summary = Nova sessão iniciada em { $name }: { $device }, { $location }
notice-new-sign-in-body = A partir do IP { $ip }. Se não foi você, abra Sessões para a revogar e depois altere a sua palavra-passe.
notice-runway-summary = { $days ->
        [0] Os créditos da Zexa acabam em menos de um dia
        [one] Os créditos da Zexa acabam dentro de cerca de { $days } dia
       *[other] Os créditos da Zexa acabam dentro de cerca de { $days } dias
    }
notice-runway-body = { $name }: restam { $balance }. Ao ritmo recente de cerca de { $per_day } créditos por dia, chegam até cerca de { $date }. Carregue em Faturação → Comprar créditos.
# Vigilância de gastos (crates/zexa-app/src/spend). $spent: créditos ("1200"); $times: cerca de quantas vezes o habitual.
notice-spend-summary = Gastos invulgares em { $name }
notice-spend-body = { $spent } créditos na última hora, cerca de { $times }× o habitual. Se não o esperava, abra as chaves de API ordenadas pela última utilização para encontrar a chave, ou bloqueie a conta.
notice-spend-body-no-usual = { $spent } créditos na última hora, quando habitualmente se gasta pouco. Se não o esperava, abra as chaves de API ordenadas pela última utilização para encontrar a chave, ou bloqueie a conta.
# O servidor não oferece chaves de API (a Zexa documenta só o saldo): as páginas do painel.
notice-spend-body-dashboard = { $spent } créditos na última hora, cerca de { $times }× o habitual. Se não o esperava, veja Faturação → Utilização no painel da Zexa e revogue a chave que está a gastar em Definições → Chaves de API.
notice-spend-body-no-usual-dashboard = { $spent } créditos na última hora, quando habitualmente se gasta pouco. Se não o esperava, veja Faturação → Utilização no painel da Zexa e revogue a chave que está a gastar em Definições → Chaves de API.

# Verificação agendada de chaves expostas (crates/zexa-app/src/scan). $count: achados novos.
notice-exposed-keys-summary = { $count ->
    [one] Foi encontrada uma cópia de uma chave Zexa
   *[other] Foram encontradas { $count } cópias de chaves Zexa
}
notice-exposed-keys-body = A verificação agendada encontrou { $count ->
    [one] uma chave
   *[other] { $count } chaves
} nas suas pastas que ainda não tinha indicado. Abra o Zexa Desktop para a rodar ou revogar, ou para a ignorar se for esperada.
