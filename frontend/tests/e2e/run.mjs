// `npm run test:e2e`: start a throwaway backend, run tests/e2e/*.test.mjs (node:test) against it, stop it.
// `npm run screenshots`: same backend, then write screenshots/*.png instead of running the tests.
// Builds nothing: `npm run build` first (the backend serves dist/).
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { FRONTEND, startBackend } from './harness.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const screenshots = process.argv.includes('--screenshots')

const backend = await startBackend()
console.log(`backend ready at ${backend.baseURL}`)
let code
const onSignal = async () => {
  await backend.stop()
  process.exit(130)
}
process.once('SIGINT', onSignal)
process.once('SIGTERM', onSignal)

try {
  if (screenshots) {
    const { takeScreenshots } = await import('./screenshots.mjs')
    await takeScreenshots(backend.baseURL, path.join(FRONTEND, 'screenshots'))
    code = 0
  } else {
    const files = readdirSync(here)
      .filter((f) => f.endsWith('.test.mjs'))
      // E2E_ONLY=cases runs only the files whose name contains it (for a quick loop while writing one)
      .filter((f) => !process.env.E2E_ONLY || f.includes(process.env.E2E_ONLY))
      .sort()
      .map((f) => path.join(here, f))
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
      stdio: 'inherit',
      env: { ...process.env, E2E_BASE_URL: backend.baseURL },
    })
    code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)))
    if (code !== 0) console.error(`--- backend log (tail) ---\n${backend.logs().slice(-4000)}`)
  }
} catch (e) {
  console.error(e)
  code = 1
} finally {
  await backend.stop()
}
process.exit(code)
