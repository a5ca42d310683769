import { apiUrl, authFetch, toApiError } from '@/api'

/**
 * Download an .xlsx export. Exports need the bearer token, so a plain link cannot fetch them: the file is
 * fetched and handed to the browser as a blob.
 */
export async function downloadExport(
  path: string,
  query: Record<string, string | number | boolean | null | undefined>,
  filename: string,
): Promise<void> {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query))
    if (v !== null && v !== undefined) params.set(k, String(v))
  const res = await authFetch(`${apiUrl(path)}?${params.toString()}`)
  if (!res.ok) throw toApiError(res.status, await res.json().catch(() => null))
  const url = URL.createObjectURL(await res.blob())
  try {
    const a = document.createElement('a')
    a.href = url
    a.download = filename
    a.rel = 'noopener'
    document.body.appendChild(a)
    a.click()
    a.remove()
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 30_000)
  }
}
