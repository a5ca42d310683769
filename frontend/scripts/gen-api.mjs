// Generates the typed API client from openapi.json (the backend's schema, `python -m app openapi`).
// Usage: node scripts/gen-api.mjs [outputDir]   (default: src/api/generated)
import { createClient } from '@hey-api/openapi-ts'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))

export async function generate(output) {
  await createClient({
    input: path.join(root, 'openapi.json'),
    output: { path: output, clean: true },
    logs: { level: 'silent' },
    plugins: [
      { name: '@hey-api/client-fetch', throwOnError: true },
      '@hey-api/typescript',
      { name: '@hey-api/sdk' },
    ],
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const output = path.resolve(process.argv[2] ?? path.join(root, 'src/api/generated'))
  await generate(output)
  console.log(`API client generated into ${path.relative(process.cwd(), output) || '.'}`)
}
