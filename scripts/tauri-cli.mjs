// Runs the Tauri CLI pinned in ui/package.json (`npm ci --prefix ui` installs it) on this
// repository's layout. Node, so that ./dev bundle and the GitHub workflow's tauri-action (on
// Linux, macOS and Windows) run it the same way.
//
//   node scripts/tauri-cli.mjs build --bundles deb,rpm    what ./dev bundle runs
//   node scripts/tauri-cli.mjs --write-config             only write the copy below (CI does it
//                                                         before tauri-action reads the config)
//
// Why: the app's config is tauri.conf.json at the repository root (tauri-build reads it through
// `config_path`, `generate_context!` through "../tauri.conf.json"), but the CLI wants the config
// beside the Cargo.toml of the app's package, and the root Cargo.toml is a workspace without one
// ("No package info in the config file"). So this writes src-tauri/tauri.conf.json, the root
// config with every relative path rebased onto src-tauri/ (git-ignored, never edited by hand),
// runs the CLI in src-tauri/ with ui/ as the frontend folder (where beforeBuildCommand runs), and
// removes the copy afterwards unless it was there before.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TAURI_DIR = join(ROOT, "src-tauri");
const COPY = join(TAURI_DIR, "tauri.conf.json");
const CLI = join(ROOT, "ui", "node_modules", "@tauri-apps", "cli", "tauri.js");

// Config keys whose string values are paths relative to the config file. (`bundle.license` is
// an SPDX id; in `files` maps, keys are destinations in the package and values are paths.)
const PATH_KEYS = new Set([
  "frontendDist", "icon", "resources", "licenseFile", "changelog", "desktopTemplate", "preInstallScript",
  "postInstallScript", "preRemoveScript", "postRemoveScript", "background", "template",
  "installerIcon", "headerImage", "sidebarImage", "entitlements", "dialogImagePath", "bannerPath",
]);

function rebase(path) {
  if (isAbsolute(path) || /^[a-z]+:\/\//i.test(path)) return path;
  return relative(TAURI_DIR, resolve(ROOT, path)).split("\\").join("/");
}

function rebasePaths(value, key) {
  if (Array.isArray(value)) return value.map((item) => rebasePaths(item, key));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) =>
        k === "files" && v && typeof v === "object" && !Array.isArray(v)
          ? [k, Object.fromEntries(Object.entries(v).map(([dest, src]) => [dest, rebase(src)]))]
          : [k, rebasePaths(v, k)],
      ),
    );
  }
  return typeof value === "string" && PATH_KEYS.has(key) ? rebase(value) : value;
}

const hadCopy = existsSync(COPY);
const config = JSON.parse(readFileSync(join(ROOT, "tauri.conf.json"), "utf8"));
writeFileSync(COPY, JSON.stringify(rebasePaths(config), null, 2) + "\n");

const args = process.argv.slice(2);
if (args[0] === "--write-config") process.exit(0);
if (!existsSync(CLI)) {
  console.error("The Tauri CLI is not installed: run npm ci --prefix ui");
  process.exit(1);
}
const run = spawnSync(process.execPath, [CLI, ...args], {
  cwd: TAURI_DIR,
  stdio: "inherit",
  env: { ...process.env, TAURI_APP_PATH: TAURI_DIR, TAURI_FRONTEND_PATH: join(ROOT, "ui") },
});
if (!hadCopy) rmSync(COPY, { force: true });
process.exit(run.status ?? 1);
