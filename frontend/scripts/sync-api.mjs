// Export the backend's OpenAPI into openapi.json, then regenerate src/api/generated from it.
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { generate } from './gen-api.mjs'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const repo = path.dirname(root)
const python = process.env.PYTHON ?? path.join(repo, '.venv/bin/python')
execFileSync(python, ['-m', 'app', 'openapi', '-o', path.join(root, 'openapi.json')], {
  cwd: repo,
  stdio: 'inherit',
})
await generate(path.join(root, 'src/api/generated'))
console.log('openapi.json and src/api/generated updated')
