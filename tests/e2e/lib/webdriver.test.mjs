// The WebDriver client's one retry, against a real loopback server that behaves as
// WebKitWebDriver sometimes does: it closes a connection without answering.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, test } from "node:test";

import { request, WebDriverError } from "./webdriver.mjs";

let server;
let base;
let plan = []; // what the server does with each request, in order: "drop" or a status code
let received = 0;

before(async () => {
  server = createServer((req, res) => {
    received += 1;
    const step = plan.shift() ?? 200;
    if (step === "drop") {
      req.socket.destroy(); // no status line, no body: the transport fails
      return;
    }
    res.writeHead(step, { "content-type": "application/json", connection: "close" });
    res.end(JSON.stringify(step === 200 ? { value: "answered" } : { value: { error: "no such element", message: "nope" } }));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => new Promise((resolve) => server.close(resolve)));

function reset(steps) {
  plan = steps;
  received = 0;
}

test("a dropped connection is sent again once", async () => {
  reset(["drop", 200]);
  assert.equal(await request(base, "POST", "/session/1/element", { using: "css selector", value: "x" }), "answered");
  assert.equal(received, 2);
});

test("a second drop in a row is not retried again", async () => {
  reset(["drop", "drop", 200]);
  await assert.rejects(request(base, "GET", "/session/1/title"), (error) => !(error instanceof WebDriverError));
  assert.equal(received, 2);
});

test("an HTTP answer is never retried, whatever its status", async () => {
  reset([404, 200]);
  await assert.rejects(request(base, "POST", "/session/1/element", {}), /404 no such element nope/);
  assert.equal(received, 1);
  reset([500, 200]);
  await assert.rejects(request(base, "GET", "/session/1/url"), WebDriverError);
  assert.equal(received, 1);
});
