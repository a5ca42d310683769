/**
 * The logic behind <EvidenceUpload>: files picked by the user are uploaded at once, one request each, with
 * progress; they can be removed (a running upload is cancelled) or retried; the ids of the finished uploads
 * are what a form sends as `attachment_ids`. Framework-light (Vue reactivity only) so it is unit-tested
 * without rendering.
 */
import { computed, reactive } from 'vue'
import type { AttachmentRead } from '@/api/generated/types.gen'
import { ApiError } from '@/api/errors'
import { attachmentKind, isAbortError, type AttachmentKind, type UploadOptions } from '@/api/files'

export type EvidenceStatus = 'uploading' | 'done' | 'error'

export interface EvidenceItem {
  key: string
  file: File
  name: string
  size: number
  kind: AttachmentKind
  status: EvidenceStatus
  /** 0..100 */
  progress: number
  /** The server's message (413 too large, 415 type not accepted, …). */
  error: string | null
  /** A retry may help (network failure, server busy); a refused file would be refused again. */
  retryable: boolean
  attachment: AttachmentRead | null
  /** A local blob URL for image thumbnails (no round trip to the server). */
  previewUrl: string | null
}

export type Uploader = (file: File, opts: UploadOptions) => Promise<AttachmentRead>

export interface EvidenceQueueOptions {
  upload: Uploader
  /** The server accepts at most 20 attachments per object. */
  maxFiles?: number
  createObjectURL?: (file: File) => string
  revokeObjectURL?: (url: string) => void
  /** Called after every change of the finished ids. */
  onChange?: (ids: number[]) => void
  /** Turns a failure into the message shown under the file. */
  describeError?: (error: unknown) => string
}

export interface AddResult {
  added: number
  /** Files beyond `maxFiles`, not added. */
  overLimit: number
}

let counter = 0

function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true
  return error.isNetwork || error.status === 429 || error.status >= 500
}

function defaultDescribe(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return error instanceof Error ? error.message : String(error)
}

export function createEvidenceQueue(options: EvidenceQueueOptions) {
  const maxFiles = options.maxFiles ?? 20
  const createUrl =
    options.createObjectURL ??
    ((file: File) => (typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : ''))
  const revokeUrl =
    options.revokeObjectURL ??
    ((url: string) => {
      if (typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(url)
    })
  const describe = options.describeError ?? defaultDescribe

  const items = reactive<EvidenceItem[]>([])
  const controllers = new Map<string, AbortController>()

  const ids = computed(() =>
    items.filter((i) => i.status === 'done' && i.attachment).map((i) => i.attachment!.id),
  )
  const busy = computed(() => items.some((i) => i.status === 'uploading'))
  const failed = computed(() => items.some((i) => i.status === 'error'))

  function find(key: string): EvidenceItem | undefined {
    return items.find((i) => i.key === key)
  }

  function notify(): void {
    options.onChange?.(ids.value)
  }

  async function start(key: string): Promise<void> {
    const item = find(key)
    if (!item) return
    controllers.get(key)?.abort()
    const controller = new AbortController()
    controllers.set(key, controller)
    item.status = 'uploading'
    item.progress = 0
    item.error = null
    item.retryable = false
    try {
      const attachment = await options.upload(item.file, {
        signal: controller.signal,
        onProgress: (fraction) => {
          const current = find(key)
          if (current && current.status === 'uploading')
            current.progress = Math.round(fraction * 100)
        },
      })
      const current = find(key)
      if (!current || controller.signal.aborted) return // removed meanwhile
      current.attachment = attachment
      current.kind = attachmentKind(attachment.content_type, attachment.filename)
      current.status = 'done'
      current.progress = 100
      notify()
    } catch (error) {
      const current = find(key)
      if (!current || isAbortError(error) || controller.signal.aborted) return
      current.status = 'error'
      current.error = describe(error)
      current.retryable = isRetryable(error)
    } finally {
      if (controllers.get(key) === controller) controllers.delete(key)
    }
  }

  /** Add picked files (beyond `maxFiles` they are refused) and start uploading them. */
  function add(files: Iterable<File>): AddResult {
    let added = 0
    let overLimit = 0
    for (const file of files) {
      if (items.length >= maxFiles) {
        overLimit++
        continue
      }
      const key = `ev${++counter}`
      const kind = attachmentKind(file.type, file.name)
      items.push({
        key,
        file,
        name: file.name,
        size: file.size,
        kind,
        status: 'uploading',
        progress: 0,
        error: null,
        retryable: false,
        attachment: null,
        previewUrl: kind === 'image' ? createUrl(file) || null : null,
      })
      added++
      void start(key)
    }
    return { added, overLimit }
  }

  /** Take a file out before submitting (cancels its upload when still running). */
  function remove(key: string): void {
    const index = items.findIndex((i) => i.key === key)
    if (index < 0) return
    const [item] = items.splice(index, 1)
    controllers.get(key)?.abort()
    controllers.delete(key)
    if (item?.previewUrl) revokeUrl(item.previewUrl)
    if (item?.status === 'done') notify()
  }

  /** Try a failed upload again (only when that can help). */
  function retry(key: string): void {
    const item = find(key)
    if (item && item.status === 'error' && item.retryable) void start(key)
  }

  /** Forget everything (after the form was submitted, or closed). */
  function reset(): void {
    const hadDone = ids.value.length > 0
    for (const controller of controllers.values()) controller.abort()
    controllers.clear()
    for (const item of items) if (item.previewUrl) revokeUrl(item.previewUrl)
    items.splice(0, items.length)
    if (hadDone) notify()
  }

  return { items, ids, busy, failed, maxFiles, add, remove, retry, reset }
}

export type EvidenceQueue = ReturnType<typeof createEvidenceQueue>
