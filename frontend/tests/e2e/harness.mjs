// E2E harness: a throwaway backend (temp DATA_DIR, migrated, demo data) serving the built SPA, and
// Debian's Chromium driven by playwright-core (no browser downloads).
import { spawn, execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { chromium } from 'playwright-core'

const run = promisify(execFile)

export const FRONTEND = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const REPO = path.dirname(FRONTEND)
export const PYTHON = process.env.PYTHON
  ? path.resolve(FRONTEND, process.env.PYTHON)
  : path.join(REPO, '.venv/bin/python')
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
export const PASSWORD = 'demo12345'

export const DESKTOP = { width: 1440, height: 900 }
export const PHONE = { width: 390, height: 844 }

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

async function waitForHealth(url, child, logs, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`backend exited with ${child.exitCode}:\n${logs.join('')}`)
    }
    try {
      const res = await fetch(url)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`backend not healthy after ${timeoutMs} ms:\n${logs.join('')}`)
}

/**
 * Start the backend from the repository root on a free port with its own temp DATA_DIR:
 * `migrate`, `demo`, then `serve`. Resolves to { baseURL, stop }.
 */
export async function startBackend() {
  if (!existsSync(path.join(FRONTEND, 'dist/index.html'))) {
    throw new Error(
      'dist/index.html is missing: run `npm run build` first (the backend serves dist/).',
    )
  }
  if (!existsSync(PYTHON)) throw new Error(`Python not found at ${PYTHON} (set PYTHON)`)
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dj-e2e-data-'))
  const env = { ...process.env, DATA_DIR: dataDir }
  delete env.DATABASE_URL // the embedded SQLite file under DATA_DIR
  const opts = { cwd: REPO, env, maxBuffer: 16 * 1024 * 1024 }
  await run(PYTHON, ['-m', 'app', 'migrate'], opts)
  await run(PYTHON, ['-m', 'app', 'demo'], opts)

  const port = await freePort()
  const logs = []
  const child = spawn(
    PYTHON,
    ['-m', 'app', 'serve', '--host', '127.0.0.1', '--port', String(port)],
    {
      cwd: REPO,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const keep = (chunk) => {
    logs.push(chunk.toString())
    if (logs.length > 400) logs.splice(0, logs.length - 400)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)

  const baseURL = `http://127.0.0.1:${port}`
  let stopped = false
  async function stop() {
    if (stopped) return
    stopped = true
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    await waitForHealth(`${baseURL}/api/v1/health`, child, logs)
  } catch (e) {
    await stop()
    throw e
  }
  return { baseURL, stop, logs: () => logs.join('') }
}

/**
 * A fresh Chromium (own temp profile) with one page at the given viewport. Resolves to
 * { context, page, close }.
 */
export async function openBrowser(viewport = DESKTOP) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM)`,
    )
  }
  const profile = mkdtempSync(path.join(tmpdir(), 'dj-e2e-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
    deviceScaleFactor: viewport.width < 600 ? 2 : 1,
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.setDefaultTimeout(15_000)
  async function close() {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
  return { context, page, close }
}

/** Log in through the login form and wait for the app shell. */
export async function loginAs(page, baseURL, username, password = PASSWORD) {
  await page.goto(`${baseURL}/login`)
  await page.locator('[data-test="login-username"]').fill(username)
  await page.locator('[data-test="login-password"]').fill(password)
  await page.locator('[data-test="login-submit"]').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  await page.locator('.topbar').waitFor()
}

/** Call the API directly as a demo user (to look up ids or prepare data for the tests). */
export async function api(baseURL, username, pathAndQuery, { method = 'GET', body } = {}) {
  const login = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  const { access_token } = await login.json()
  const res = await fetch(`${baseURL}/api/v1${pathAndQuery}`, {
    method,
    headers: {
      Authorization: `Bearer ${access_token}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}
