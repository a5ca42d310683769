/**
 * Attachments (evidence photos, videos, documents).
 * - `uploadAttachment` sends one file as multipart with XMLHttpRequest, because fetch cannot report upload
 *   progress. It uses the same token handling as every other call (bearer token, one refresh on 401 shared
 *   with the other requests) and fails with the server's ApiError (413 too large, 415 type). It sends no
 *   Idempotency-Key: the server answers 500 to a multipart POST that carries one (its idempotency layer
 *   re-reads the consumed body). A repeated upload only leaves an attachment that nothing refers to.
 * - `fetchAttachmentBlob` reads `/attachments/{id}/content` (it needs the bearer token, so an <img src>
 *   cannot load it directly): previews use blob URLs made from it.
 */
import type { AttachmentRead } from './generated/types.gen'
import { apiUrl, authFetch, loseAuth, refreshAccessToken } from './client'
import { toApiError } from './errors'
import { readTokens } from './tokens'

export interface UploadOptions {
  /** Called with 0..1 while the file is being sent. */
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
  /** For tests. */
  createXhr?: () => XMLHttpRequest
}

interface XhrResult {
  status: number
  body: unknown
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return null
  }
}

function abortError(): DOMException {
  return new DOMException('The upload was cancelled', 'AbortError')
}

function sendOnce(file: File, access: string | null, opts: UploadOptions): Promise<XhrResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(abortError())
      return
    }
    const xhr = opts.createXhr ? opts.createXhr() : new XMLHttpRequest()
    xhr.open('POST', apiUrl('/attachments'))
    if (access) xhr.setRequestHeader('Authorization', `Bearer ${access}`)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.onprogress = (e: ProgressEvent) => {
      if (e.lengthComputable && e.total > 0) opts.onProgress?.(Math.min(1, e.loaded / e.total))
    }
    const onAbort = () => xhr.abort()
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    const done = () => opts.signal?.removeEventListener('abort', onAbort)
    xhr.onload = () => {
      done()
      resolve({ status: xhr.status, body: parseJson(xhr.responseText) })
    }
    xhr.onerror = () => {
      done()
      reject(toApiError(0, null))
    }
    xhr.ontimeout = xhr.onerror
    xhr.onabort = () => {
      done()
      reject(abortError())
    }
    const form = new FormData()
    form.append('file', file, file.name)
    xhr.send(form)
  })
}

/** Upload one file; resolves to the stored attachment (its id goes into `attachment_ids`). */
export async function uploadAttachment(
  file: File,
  opts: UploadOptions = {},
): Promise<AttachmentRead> {
  let access = readTokens()?.access ?? null
  let result = await sendOnce(file, access, opts)
  if (result.status === 401 && access) {
    const fresh = await refreshAccessToken(access)
    if (!fresh) throw toApiError(401, result.body)
    access = fresh
    opts.onProgress?.(0)
    result = await sendOnce(file, access, opts)
  }
  if (result.status >= 200 && result.status < 300) {
    opts.onProgress?.(1)
    return result.body as AttachmentRead
  }
  const error = toApiError(result.status, result.body)
  if (result.status === 401) loseAuth(error)
  throw error
}

/** The bytes of an attachment (bearer token, refresh on 401). */
export async function fetchAttachmentBlob(id: number, signal?: AbortSignal): Promise<Blob> {
  const response = await authFetch(apiUrl(`/attachments/${id}/content`), { signal })
  if (!response.ok) {
    throw toApiError(response.status, await response.json().catch(() => null))
  }
  return response.blob()
}

/** Save an attachment under its own name (PDFs, Office documents, videos). */
export async function downloadAttachment(attachment: Pick<AttachmentRead, 'id' | 'filename'>) {
  const blob = await fetchAttachmentBlob(attachment.id)
  const url = URL.createObjectURL(blob)
  try {
    const a = document.createElement('a')
    a.href = url
    a.download = attachment.filename
    a.rel = 'noopener'
    document.body.appendChild(a)
    a.click()
    a.remove()
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 30_000)
  }
}

export type AttachmentKind = 'image' | 'video' | 'pdf' | 'document' | 'other'

const DOC_EXT = /\.(docx?|xlsx?|pptx?)$/i

/** What a file is, for choosing a preview: by content type (sniffed by the server), else by name. */
export function attachmentKind(
  contentType: string | null | undefined,
  filename = '',
): AttachmentKind {
  const type = (contentType ?? '').toLowerCase()
  if (type === 'image/heic' || /\.hei[cf]$/i.test(filename)) return 'other' // browsers cannot show HEIC: offered as a download
  if (type.startsWith('image/')) return 'image'
  if (type.startsWith('video/')) return 'video'
  if (type === 'application/pdf') return 'pdf'
  if (type.includes('officedocument') || type.startsWith('application/vnd.ms-')) return 'document'
  if (type === 'application/msword') return 'document'
  if (!type) {
    if (/\.(jpe?g|png|gif|webp)$/i.test(filename)) return 'image'
    if (/\.(mp4|mov)$/i.test(filename)) return 'video'
    if (/\.pdf$/i.test(filename)) return 'pdf'
    if (DOC_EXT.test(filename)) return 'document'
  }
  return 'other'
}

/** `1536` → `1.5 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}
