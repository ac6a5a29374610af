import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A `g2g serve` running as its own process, and where it listens. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** What it has printed so far: its output line by line, and its errors. */
  printed: string[];
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string | null>;
  /** Resolves with the first line it printed (standard output or error) matching `pattern`. */
  printedLine(pattern: RegExp): Promise<string>;
}

/**
 * Starts the built `g2g serve --port 0` (bin/g2g.js runs dist/: `npm run build` first) as its
 * own process, with `args` after it (`--demo`); resolves once it says where it listens.
 */
export async function serveProcess(
  env: Record<string, string>,
  args: string[] = [],
): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['bin/g2g.js', 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env, LOG_LEVEL: 'silent', MAIL_TICK_SECONDS: '0' },
    stdio: 'pipe',
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  // 'close' comes after the last line printed, which 'exit' may not.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const printed: string[] = [];
  const waiting = new Set<(line: string) => void>();
  const print = (line: string) => {
    printed.push(line);
    for (const wait of waiting) wait(line);
  };
  createInterface({ input: child.stderr }).on('line', print);
  const lines = createInterface({ input: child.stdout });
  lines.on('line', print);
  const printedLine = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = printed.find((line) => pattern.test(line));
      if (seen !== undefined) return resolve(seen);
      const wait = (line: string) => {
        if (!pattern.test(line)) return;
        waiting.delete(wait);
        resolve(line);
      };
      waiting.add(wait);
      void closed.then(() => {
        if (!waiting.delete(wait)) return;
        reject(new Error(`g2g serve ended without printing ${pattern}: ${printed.join(' ')}`));
      });
    });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const found = /is running at (http:\/\/\S+)/.exec(line)?.[1];
      if (found) resolve(found);
    });
    void exited.then((code) =>
      reject(new Error(`g2g serve stopped (${String(code)}): ${printed.join(' ')}`)),
    );
  });
  return { child, url, printed, exited, printedLine };
}

/** A browser's cookie jar for one person, over real HTTP (fetch), redirects not followed. */
export class HttpBrowser {
  private readonly cookies = new Map<string, string>();

  async get(url: string) {
    const response = await fetch(url, { headers: this.header(), redirect: 'manual' });
    this.keep(response);
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
    };
  }

  async post(url: string, form: Record<string, string>) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...this.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    this.keep(response);
    return {
      status: response.status,
      location: response.headers.get('location'),
      body: await response.text(),
    };
  }

  /** Opens the form at `url` and posts `form` to it with the page's CSRF and once-only tokens. */
  async submit(url: string, form: Record<string, string>) {
    const page = await this.get(url);
    if (page.status !== 200) throw new Error(`GET ${url} answered ${page.status}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1];
    return this.post(url, { _csrf: csrf, ...(token ? { token } : {}), ...form });
  }

  async signIn(server: string, email: string, password: string) {
    const form = await this.get(`${server}/sign-in`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    return this.post(`${server}/sign-in`, { _csrf: csrf, email, password, returnTo: '/' });
  }

  /** The Cookie header this browser sends (for a load generator using its session). */
  cookieHeader(): string {
    return this.header().cookie ?? '';
  }

  private header(): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return cookie ? { cookie } : {};
  }

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
