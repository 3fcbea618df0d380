// Issue 23, start-up CPU: on a machine with no GPU device, WebKit's GPU painting runs on Mesa's
// llvmpipe, a GPU emulated on the CPU, and compiles a shader for every kind of draw the page
// uses. The app then has the web process paint with Skia's CPU rasterizer instead
// (`zexa_core::software_rendering`); with a GPU device, or when the user set the variable
// themselves, WebKit's own choice stays. Read from the real web process: its environment and
// its threads (Skia's GPU backend runs a `SkiaGPUWorker` thread).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import { launchApp, launchProcesses, saveScreenshot } from "./lib/app.mjs";
import { waitUntil } from "./lib/desktop.mjs";
import { balanceShows } from "./lib/ui.mjs";

const CPU_RENDERING = "WEBKIT_SKIA_ENABLE_CPU_RENDERING";

/** What the app is to find: a GPU device node, as `gpu_device_present` looks for one. */
function machineHasGpu() {
  const dri = existsSync("/dev/dri") ? readdirSync("/dev/dri") : [];
  return dri.some((name) => name.startsWith("card") || name.startsWith("renderD")) || existsSync("/dev/nvidia0");
}

/** The launch's web process, with its environment and its threads' names. */
function webProcess(runId) {
  const web = launchProcesses(runId).find((p) => p.comm === "WebKitWebProces");
  if (!web) return null;
  const threads = readdirSync(`/proc/${web.pid}/task`).map((tid) => {
    try {
      return readFileSync(`/proc/${web.pid}/task/${tid}/comm`, "latin1").trim();
    } catch {
      return ""; // a thread that ended meanwhile
    }
  });
  return { ...web, threads };
}

/** The grey level's spread in a screenshot: a painted window is far from one flat colour. */
function contrastOf(png) {
  return Number(execFileSync("convert", [png, "-colorspace", "gray", "-format", "%[fx:standard_deviation]", "info:"], { encoding: "utf8" }));
}

test("with no GPU device the web process paints with Skia's CPU rasterizer, and the window is painted", async () => {
  const gpu = machineHasGpu();
  // Without either variable from outside: the app's own decision from the machine is tested.
  const app = await launchApp({ env: { ZEXA_SANDBOX_WHEN_EMPTY: "1", [CPU_RENDERING]: null, LIBGL_ALWAYS_SOFTWARE: null } });
  try {
    await balanceShows(app.session, "4250");
    const web = await waitUntil("the launch's web process", () => webProcess(app.runId));
    const png = await saveScreenshot(app.session, gpu ? "painting-gpu" : "painting-cpu");
    assert.ok(contrastOf(png) > 0.05, "the screenshot shows the Overview, not a blank window");
    if (gpu) {
      assert.ok(!web.environ.some((v) => v.startsWith(`${CPU_RENDERING}=`)), "a machine with a GPU keeps WebKit's choice");
    } else {
      assert.ok(web.environ.includes(`${CPU_RENDERING}=1`), "no GPU device here: the web process is told to paint on the CPU");
      assert.ok(!web.threads.includes("SkiaGPUWorker"), `no Skia GPU worker in the web process: ${[...new Set(web.threads)]}`);
    }
  } finally {
    await app.close();
  }
});

test("the user's own WEBKIT_SKIA_ENABLE_CPU_RENDERING is left as they set it", async () => {
  const app = await launchApp({ env: { ZEXA_SANDBOX_WHEN_EMPTY: "1", [CPU_RENDERING]: "0" } });
  try {
    await balanceShows(app.session, "4250");
    const web = await waitUntil("the launch's web process", () => webProcess(app.runId));
    assert.ok(web.environ.includes(`${CPU_RENDERING}=0`));
    assert.ok(!web.environ.includes(`${CPU_RENDERING}=1`));
  } finally {
    await app.close();
  }
});
