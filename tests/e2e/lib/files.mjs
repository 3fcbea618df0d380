// Reading what the app left on disk, and searching folders for a secret.

import { execFileSync } from "node:child_process";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export function readSettings(home) {
  return JSON.parse(readFileSync(join(home, "config", "ao.zexa.desktop", "settings.json"), "utf8"));
}

/** The OS's own tool: the secret the Secret Service holds for a profile, as stored, or null. */
export function keychainSecret(profileId, service = "ao.zexa.desktop") {
  try {
    return execFileSync("secret-tool", ["lookup", "service", service, "username", profileId], {
      encoding: "utf8",
    });
  } catch {
    return null;
  }
}

/**
 * The envelope the app stores as the secret, `{v, origin, key}`, read with the OS's own tool;
 * null when there is no entry. Throws if the entry holds anything else (a bare key).
 */
export function keychainEnvelope(profileId, service) {
  const secret = keychainSecret(profileId, service);
  if (secret === null) return null;
  const envelope = JSON.parse(secret);
  if (envelope.v !== 1 || typeof envelope.origin !== "string" || typeof envelope.key !== "string") {
    throw new Error(`not an envelope of version 1: ${Object.keys(envelope).join(", ")}`);
  }
  return envelope;
}

/** The key the Secret Service holds for a profile (out of its envelope), or null. */
export function keychainLookup(profileId, service) {
  return keychainEnvelope(profileId, service)?.key ?? null;
}

// Source checkouts and build output in the temp folder (a CI clone, say) are not the app's.
const NOT_APP_DATA = new Set([".git", "target", "node_modules"]);

/**
 * Calls `visit(path, stat)` for `dir` and everything under it; links are not followed, folders
 * named in `skip` are not entered, and what cannot be read is passed over.
 */
function walkTree(dir, visit, { skip = new Set() } = {}) {
  const walk = (path) => {
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return;
    }
    if (stat.isSymbolicLink()) return;
    visit(path, stat);
    if (!stat.isDirectory() || skip.has(path.split("/").pop())) return;
    let entries = [];
    try {
      entries = readdirSync(path);
    } catch {
      return;
    }
    for (const entry of entries) walk(join(path, entry));
  };
  walk(dir);
}

/** Every regular file under `dir` (links not followed) whose bytes contain one of `needles`. */
export function filesContaining(dir, needles, { maxBytes = 64 * 1024 * 1024 } = {}) {
  const hits = [];
  walkTree(
    dir,
    (path, stat) => {
      if (!stat.isFile() || stat.size > maxBytes) return;
      let bytes;
      try {
        bytes = readFileSync(path);
      } catch {
        return;
      }
      for (const needle of needles) {
        // Plain text and UTF-16 (WebKit's storage uses both).
        if (bytes.includes(needle) || bytes.includes(Buffer.from(needle, "utf16le"))) hits.push(path);
      }
    },
    { skip: NOT_APP_DATA },
  );
  return hits;
}

/** Every file and folder under `dir` (itself included) that its group or others may access. */
export function notOwnerOnly(dir) {
  const loose = [];
  walkTree(dir, (path, stat) => {
    if ((stat.mode & 0o077) !== 0) loose.push(`${path} (${(stat.mode & 0o777).toString(8)})`);
  });
  return loose;
}
