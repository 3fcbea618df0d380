# O que a aplicação escreve depois de mudar chaves (crates/zexa-app/src/api_keys/rotation.rs e
# lockdown.rs) e o ficheiro guardado com os códigos de recuperação
# (crates/zexa-app/src/two_factor/backup_file.rs).

## Relatórios de rotação e de bloqueio

key-label = “{ $name }” ({ $prefix }…)
rotation-done = Este perfil usa agora a nova chave { $new_key }. A chave antiga { $old_key } foi revogada.
rotation-old-key-still-works = Este perfil usa agora a nova chave { $new_key }, que funciona. Não foi possível revogar a chave antiga { $old_key } ({ $error }) e ela AINDA FUNCIONA: revogue-a agora.
rotation-rolled-back = Nada mudou: { $failure ->
        [not-created] não foi possível criar a nova chave ({ $error })
        [keychain] a nova chave não foi usada porque o porta-chaves do sistema a recusou ({ $error }) e foi revogada novamente
       *[unchecked] a nova chave não foi usada porque não foi possível verificá-la ({ $error }) e foi revogada novamente
    }. Este perfil continua a usar a chave atual, que continua a funcionar.
rotation-old-key-not-restored = A nova chave { $new_key } não foi usada porque { $failure ->
        [keychain] o porta-chaves do sistema a recusou
       *[unchecked] não foi possível verificá-la
    } ({ $error }), e não foi possível repor a chave antiga no porta-chaves do sistema ({ $restore_error }). As duas chaves continuam a funcionar: use Substituir chave neste perfil com uma chave que tenha e depois revogue a outra.
rotation-new-key-not-revoked = Este perfil continua a usar a chave atual, que funciona. A nova chave { $new_key } não foi usada porque { $failure ->
        [keychain] o porta-chaves do sistema a recusou
       *[unchecked] não foi possível verificá-la
    } ({ $error }), e não foi possível revogá-la novamente ({ $revoke_error }): revogue-a na lista.
rotation-other-profiles = { $count ->
        [one] O perfil { $names } tinha a mesma chave e passou também a usar a nova.
       *[other] Os perfis { $names } tinham a mesma chave e passaram também a usar a nova.
    }
rotation-cancelled-new-key-revoked = A rotação de { $old_key } foi cancelada e a sua nova chave { $new_key } foi revogada. { $old_key } continua a funcionar.
rotation-cancelled-new-key-kept = A rotação de { $old_key } foi cancelada. A nova chave { $new_key } continua ativa na sua conta; revogue-a em Chaves de API se não a usar.
lockdown-key-kept = A chave desta aplicação não foi substituída ({ $failure ->
        [not-created] não foi possível criar a nova chave ({ $error })
        [keychain] a nova chave não foi usada porque o porta-chaves do sistema a recusou ({ $error }) e foi revogada novamente
       *[unchecked] a nova chave não foi usada porque não foi possível verificá-la ({ $error }) e foi revogada novamente
    }); foi mantida para que a aplicação continue com a sessão iniciada. Faça a rotação desta chave assim que for possível contactar a Zexa.
lockdown-revoked = { $revoked ->
        [0] Nenhuma outra chave foi revogada.
        [one] Foi revogada { $revoked } outra chave.
       *[other] Foram revogadas { $revoked } outras chaves.
    }
lockdown-revoked-some-failed = { $revoked ->
        [0] Nenhuma outra chave foi revogada
        [one] Foi revogada { $revoked } outra chave
       *[other] Foram revogadas { $revoked } outras chaves
    }; { $failed ->
        [one] { $failed } não pôde ser revogada e AINDA FUNCIONA: revogue-a
       *[other] { $failed } não puderam ser revogadas e AINDA FUNCIONAM: revogue-as
    } no painel (Definições → Chaves de API).
lockdown-next = A seguir: termine todas as sessões, altere a palavra-passe e escreva para { $email }.

## O ficheiro dos códigos de recuperação (texto simples, uma linha cada)

backup-file-title = Zexa — códigos de recuperação da autenticação de dois fatores
backup-file-account = Conta: { $email }
backup-file-account-unknown = Conta: (desconhecida)
backup-file-created = Criado em: { $date }
backup-file-once = Cada código só funciona uma vez, em vez de um código da sua aplicação de autenticação.
backup-file-keep = Guarde este ficheiro num local seguro, de preferência fora deste computador.

## Contactar o suporte

support-mail-subject = Suspeita de acesso não autorizado à minha conta Zexa
