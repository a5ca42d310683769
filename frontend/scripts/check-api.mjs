// CI staleness check for the generated API client.
// 1. Regenerates the client from openapi.json into a temp dir and fails when it differs from
//    src/api/generated (someone edited generated code, or forgot `npm run gen:api`).
// 2. When the backend can be run (PYTHON, default ../.venv/bin/python), exports its current OpenAPI and
//    fails when openapi.json is stale (fix: `npm run sync:api`). Skipped with a notice otherwise.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { generate } from './gen-api.mjs'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const repo = path.dirname(root)
const generatedDir = path.join(root, 'src/api/generated')

function listFiles(dir, base = dir) {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? listFiles(full, base) : [path.relative(base, full)]
  })
}

const tmp = mkdtempSync(path.join(tmpdir(), 'dj-api-'))
let failed = false
try {
  await generate(tmp)
  const fresh = listFiles(tmp).sort()
  const current = listFiles(generatedDir).sort()
  const all = [...new Set([...fresh, ...current])].sort()
  const stale = all.filter((f) => {
    const a = path.join(tmp, f)
    const b = path.join(generatedDir, f)
    return !existsSync(a) || !existsSync(b) || !readFileSync(a).equals(readFileSync(b))
  })
  if (stale.length) {
    failed = true
    console.error('src/api/generated is stale or was edited by hand; run `npm run gen:api`:')
    for (const f of stale) console.error(`  ${f}`)
  } else {
    console.log(`src/api/generated matches openapi.json (${fresh.length} files)`)
  }

  const python = process.env.PYTHON ?? path.join(repo, '.venv/bin/python')
  if (existsSync(python) && existsSync(path.join(repo, 'app'))) {
    const exported = path.join(tmp, 'openapi.json')
    execFileSync(python, ['-m', 'app', 'openapi', '-o', exported], { cwd: repo, stdio: 'inherit' })
    if (!readFileSync(exported).equals(readFileSync(path.join(root, 'openapi.json')))) {
      failed = true
      console.error("openapi.json differs from the backend's schema; run `npm run sync:api`")
    } else {
      console.log("openapi.json matches the backend's schema")
    }
  } else {
    console.log(`(backend not runnable at ${python}: openapi.json not compared with the backend)`)
  }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
