/**
 * Files the API sends as attachments (Excel exports, import templates): fetched with the bearer token
 * (a plain link would carry none), saved under the server's filename.
 */
import { apiUrl, authFetch } from '@/api/client'
import { toApiError } from '@/api/errors'

/**
 * The filename of a Content-Disposition header. RFC 6266: `filename*=UTF-8''…` (percent-encoded, the
 * server's Chinese names) wins over a plain `filename="…"`.
 */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (star?.[2]) {
    try {
      return decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''))
    } catch {
      // malformed percent-encoding: try the plain parameter
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header)
  const name = (plain?.[2] ?? plain?.[1] ?? '').trim()
  return name || fallback
}

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[]

/** `{a: 1, b: null, c: [1, 2]}` → `a=1&c=1&c=2` (unset values left out, like the SDK does). */
export function toSearchParams(params: Record<string, QueryValue> = {}): URLSearchParams {
  const out = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue
    if (Array.isArray(value)) value.forEach((v) => out.append(key, String(v)))
    else out.append(key, String(value))
  }
  return out
}

/** Hand a blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // Some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000)
}

/**
 * GET an API path (`/exports/problems`) and save the answer. Failures reach the caller as ApiError (the
 * server's message, e.g. 导出超过 … 行). Resolves to the filename used.
 */
export async function downloadFile(
  path: string,
  params: Record<string, QueryValue> = {},
  fallbackName = 'export.xlsx',
): Promise<string> {
  const query = toSearchParams(params).toString()
  const response = await authFetch(apiUrl(path) + (query ? `?${query}` : ''))
  if (!response.ok) {
    throw toApiError(response.status, await response.json().catch(() => null))
  }
  const name = filenameFromDisposition(response.headers.get('Content-Disposition'), fallbackName)
  saveBlob(await response.blob(), name)
  return name
}
