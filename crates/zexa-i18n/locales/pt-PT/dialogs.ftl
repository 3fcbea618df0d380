# Diálogos nativos abertos pelo Rust (src-tauri/src/native_dialogs.rs).

dialog-export-history-title = Exportar o histórico do saldo
dialog-export-history-filter = Ficheiro CSV
dialog-backup-codes-title = Guardar os seus códigos de recuperação da Zexa
dialog-backup-codes-filter = Ficheiro de texto
dialog-env-key-title = Enviar a ZEXA_API_KEY para outro servidor?
dialog-env-key-message = A chave de ZEXA_API_KEY vai ser enviada para { $url } para ser verificada. Esse não é o endereço da Zexa (https://api.zexa.ao/v1) nem o da sandbox da própria aplicação, e um endereço neste computador pode ser servido por qualquer programa que nele corra. Envie-a apenas se confiar neste servidor.
dialog-env-key-send = Enviar
dialog-cancel = Cancelar

# O seletor de pastas da verificação (src-tauri/src/commands/scan.rs).
dialog-scan-folders-title = Escolha as pastas onde procurar chaves Zexa
