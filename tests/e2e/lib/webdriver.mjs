// A minimal W3C WebDriver client over fetch: enough to drive the real app window through
// tauri-driver without pulling a browser-automation framework into the project.

// The W3C element reference key.
export const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

// Reads the reference whatever key the driver used (WebKitWebDriver answers with the W3C key).
const elementId = (found) => found[ELEMENT] ?? Object.values(found)[0];

export class WebDriverError extends Error {}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, capabilities) {
    const value = await request(base, "POST", "/session", { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  title() {
    return this.cmd("GET", "/title");
  }

  async find(css) {
    const found = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return new Element(this, elementId(found));
  }

  async findAll(css) {
    const found = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return found.map((f) => new Element(this, elementId(f)));
  }

  /** Polls until `css` matches an element (and, when given, `predicate(element)` holds). */
  async waitFor(css, { timeoutMs = 10_000, predicate } = {}) {
    const deadline = Date.now() + timeoutMs;
    let lastError;
    while (Date.now() < deadline) {
      try {
        const element = await this.find(css);
        if (!predicate || (await predicate(element))) return element;
      } catch (error) {
        lastError = error;
      }
      await sleep(100);
    }
    throw new WebDriverError(`timed out waiting for ${css}${lastError ? `: ${lastError.message}` : ""}`);
  }

  async waitForText(css, text, options) {
    return this.waitFor(css, { ...options, predicate: async (e) => (await e.text()).includes(text) });
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** The webview as a PNG buffer. */
  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  close() {
    return this.cmd("DELETE", "");
  }
}

export class Element {
  constructor(session, id) {
    this.session = session;
    this.id = id;
  }

  cmd(method, path, body) {
    return this.session.cmd(method, `/element/${this.id}${path}`, body);
  }

  click() {
    return this.cmd("POST", "/click", {});
  }

  text() {
    return this.cmd("GET", "/text");
  }

  attribute(name) {
    return this.cmd("GET", `/attribute/${name}`);
  }

  async clear() {
    return this.cmd("POST", "/clear", {});
  }

  type(text) {
    return this.cmd("POST", "/value", { text });
  }

  /** A reference to pass as an argument to `Session.execute`. */
  ref() {
    return { [ELEMENT]: this.id };
  }

  displayed() {
    return this.cmd("GET", "/displayed");
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A connection the driver dropped without any answer: WebKitWebDriver now and then closes one
 * (tauri-driver logs "Connection reset by peer") while the session stays usable. Only such
 * transport failures are retried; an HTTP answer of any status, a timeout or a failed
 * assertion never is.
 */
export function isDroppedConnection(error) {
  if (error?.name === "TimeoutError" || error?.name === "AbortError") return false;
  const codes = ["ECONNRESET", "UND_ERR_SOCKET", "EPIPE", "ECONNABORTED"];
  for (let e = error; e; e = e.cause) {
    if (codes.includes(e.code)) return true;
    if (/socket hang up|other side closed|ECONNRESET/i.test(String(e.message ?? ""))) return true;
  }
  return false;
}

/** Sends one command; a dropped connection is sent again once, and only that. */
export async function request(base, method, path, body, { send = fetch } = {}) {
  let answer;
  try {
    answer = await exchange(send, base, method, path, body);
  } catch (error) {
    if (!isDroppedConnection(error)) throw error;
    answer = await exchange(send, base, method, path, body);
  }
  const { status, ok, json } = answer;
  if (!ok) {
    const v = json.value ?? {};
    throw new WebDriverError(`${method} ${path}: ${status} ${v.error ?? ""} ${v.message ?? ""}`);
  }
  return json.value;
}

/** One HTTP exchange, body read included (a connection can also drop while the body comes). */
async function exchange(send, base, method, path, body) {
  const response = await send(base + path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let json = {};
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: an error page; the status says what happened
  }
  return { status: response.status, ok: response.ok, json };
}
