// The sandbox server as a separate program, as a user or another client would run it:
// `zexa-sandbox --seed demo` prints one JSON line with its base URL and admin key.

import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

import { ROOT } from "./app.mjs";

const SANDBOX_BIN = process.env.ZEXA_SANDBOX_BIN ?? join(ROOT, "target", "debug", "zexa-sandbox");

/** `extraArgs`: more flags of zexa-sandbox, e.g. `["--documented-only"]` (docs/sandbox.md). */
export async function startSandbox(seed = "demo", extraArgs = []) {
  const child = spawn(SANDBOX_BIN, ["--listen", "127.0.0.1:0", "--seed", seed, ...extraArgs], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const firstLine = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`zexa-sandbox exited with ${code}`)));
  });
  const { base_url: baseUrl, api_key: apiKey } = JSON.parse(firstLine);
  const adminUrl = baseUrl.replace(/\/v1$/, "/_sandbox");

  async function admin(method, path, body) {
    const response = await fetch(adminUrl + path, {
      method,
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  }

  return {
    baseUrl,
    apiKey,
    admin,
    setBalance: (credits, currency) => admin("PUT", "/balance", currency ? { credits, currency } : { credits }),
    issueKey: async (name) => (await admin("POST", "/api-keys", { name })).key,
    async revokeKey(secret) {
      const { data } = await admin("GET", "/api-keys");
      const key = data.find((k) => !k.revoked_at && secret.startsWith(k.prefix));
      if (!key) throw new Error("no active key with that prefix");
      await admin("DELETE", `/api-keys/${key.id}`);
    },
    stop() {
      child.kill("SIGTERM");
      return new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
    },
  };
}
