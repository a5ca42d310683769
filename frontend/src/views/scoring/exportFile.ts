import { apiUrl, authFetch, toApiError } from '@/api'
import { filenameFrom } from './scoringMeta'

/** Download an Excel export with the bearer token (a plain link would carry no Authorization header). */
export async function downloadExport(path: string, fallbackName: string): Promise<void> {
  const response = await authFetch(apiUrl(path))
  if (!response.ok) throw toApiError(response.status, await response.json().catch(() => null))
  const blob = await response.blob()
  const name = filenameFrom(response.headers.get('Content-Disposition'), fallbackName)
  const url = URL.createObjectURL(blob)
  try {
    const a = document.createElement('a')
    a.href = url
    a.download = name
    document.body.appendChild(a)
    a.click()
    a.remove()
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 30_000)
  }
}
