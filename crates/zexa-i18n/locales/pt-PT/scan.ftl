# A verificação de chaves expostas na janela (crates/zexa-app/src/scan, docs/scanner.md).
# $name: o nome de uma chave de API, como a conta a lista.
scan-account-key = a chave “{ $name }” da conta
scan-account-key-revoked = a chave “{ $name }” da conta (revogada)
scan-already-running = Já está a decorrer uma verificação. Espere que termine ou cancele-a e comece de novo.
scan-finding-gone = Esse achado pertence a uma verificação anterior. Verifique de novo para ver como estão as coisas agora.
scan-nothing-chosen = Escolha pelo menos uma pasta para verificar, ou inclua os locais habituais ou o histórico da shell.
# $folder: o caminho escolhido.
scan-folder-missing = A pasta { $folder } já não existe. Escolha-a de novo ou retire-a da lista.
scan-folder-gone = Essa pasta já não existe. Verifique de novo para ver onde a chave está agora.
# $max: o máximo de pastas de uma verificação.
scan-too-many-folders = Escolha no máximo { $max } pastas numa verificação.
scan-check-own-key = Esta é uma das chaves desta aplicação; funciona enquanto o seu perfil funcionar. Rode-a em vez disso.
# $server: o servidor onde a chave foi experimentada.
scan-check-works = Esta chave ainda funciona em { $server }: quem tiver esta cópia pode gastar os seus créditos. Revogue-a, ou rode-a se um programa seu a usa.
scan-check-refused = { $server } recusou esta chave: já não funciona. Apague a cópia quando puder; reescrever o histórico só é preciso para a retirar de um repositório.
scan-rotate-not-ours = Só as chaves desta aplicação podem ser rodadas a partir de um achado. Revogue esta chave em Chaves de API.
scan-revoke-not-listed = A conta não lista esta chave, por isso não pode ser revogada daqui. Verifique se ainda funciona, ou revogue-a no painel da Zexa.
scan-revoke-switch = Esta chave pertence à conta do perfil { $name }. Mude para esse perfil e revogue-a.
error-folder-not-opened = Não foi possível abrir a pasta no gestor de ficheiros: { $detail }. Abra-a a partir do caminho indicado.
