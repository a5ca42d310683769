import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { AttachmentRead } from '@/api'
import { ApiError } from '@/api/errors'
import type { UploadOptions } from '@/api/files'
import { createEvidenceQueue } from '@/components/evidence/evidenceQueue'
import { deferred } from './fakeServer'

const file = (name: string, type = 'image/png', size = 10) =>
  new File([new Uint8Array(size)], name, { type })

const stored = (id: number, name: string, type = 'image/png'): AttachmentRead => ({
  id,
  filename: name,
  content_type: type,
  size: 10,
  sha256: 'x',
  owner_type: null,
  owner_id: null,
  uploaded_by_id: 1,
  created_at: '2026-11-23T00:00:00Z',
})

/** An uploader whose calls the test finishes by hand. */
function manualUploader() {
  const calls: {
    file: File
    opts: UploadOptions
    done: ReturnType<typeof deferred<AttachmentRead>>
    fail: (e: unknown) => void
  }[] = []
  const upload = vi.fn((f: File, opts: UploadOptions) => {
    const done = deferred<AttachmentRead>()
    let fail!: (e: unknown) => void
    const p = new Promise<AttachmentRead>((resolve, reject) => {
      void done.promise.then(resolve)
      fail = reject
      opts.signal?.addEventListener('abort', () =>
        reject(new DOMException('aborted', 'AbortError')),
      )
    })
    calls.push({ file: f, opts, done, fail })
    return p
  })
  return { upload, calls }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

function setup(maxFiles = 20) {
  const { upload, calls } = manualUploader()
  const changes: number[][] = []
  const created: string[] = []
  const revoked: string[] = []
  const queue = createEvidenceQueue({
    upload,
    maxFiles,
    onChange: (ids) => changes.push(ids),
    createObjectURL: (f) => {
      created.push(`blob:${f.name}`)
      return `blob:${f.name}`
    },
    revokeObjectURL: (u) => revoked.push(u),
  })
  return { queue, upload, calls, changes, created, revoked }
}

describe('evidence queue', () => {
  it('uploads every picked file at once, with progress, and reports the finished ids in order', async () => {
    const { queue, calls, changes } = setup()
    const result = queue.add([file('a.png'), file('b.pdf', 'application/pdf')])
    expect(result).toEqual({ added: 2, overLimit: 0 })
    expect(calls).toHaveLength(2)
    expect(queue.busy.value).toBe(true)
    expect(queue.items.map((i) => [i.name, i.kind, i.status])).toEqual([
      ['a.png', 'image', 'uploading'],
      ['b.pdf', 'pdf', 'uploading'],
    ])

    calls[0]!.opts.onProgress?.(0.5)
    expect(queue.items[0]!.progress).toBe(50)

    calls[1]!.done.resolve(stored(8, 'b.pdf', 'application/pdf'))
    await flush()
    calls[0]!.done.resolve(stored(7, 'a.png'))
    await flush()
    expect(queue.busy.value).toBe(false)
    expect(queue.ids.value).toEqual([7, 8]) // the order the user picked them, not the finishing order
    expect(changes.at(-1)).toEqual([7, 8])
    expect(queue.items.every((i) => i.status === 'done' && i.progress === 100)).toBe(true)
  })

  it('makes local thumbnails for images only, and frees them on remove and reset', async () => {
    const { queue, created, revoked } = setup()
    queue.add([file('photo.jpg', 'image/jpeg'), file('plan.docx', '')])
    expect(created).toEqual(['blob:photo.jpg'])
    expect(queue.items[1]!.kind).toBe('document')
    queue.remove(queue.items[0]!.key)
    expect(revoked).toEqual(['blob:photo.jpg'])
    queue.add([file('second.png')])
    queue.reset()
    expect(revoked).toEqual(['blob:photo.jpg', 'blob:second.png'])
    expect(queue.items).toHaveLength(0)
  })

  it('shows the server message of a refused file (415, 413) and keeps the others', async () => {
    const { queue, calls } = setup()
    queue.add([file('notes.txt', 'text/plain'), file('ok.png'), file('huge.mp4', 'video/mp4')])
    calls[0]!.fail(
      new ApiError(415, 'unsupported_media_type', '不支持的文件类型。可上传：JPG、PNG…'),
    )
    calls[1]!.done.resolve(stored(3, 'ok.png'))
    calls[2]!.fail(new ApiError(413, 'payload_too_large', '请求内容过大（上限 20544 KB）'))
    await flush()
    expect(queue.items.map((i) => [i.status, i.error])).toEqual([
      ['error', '不支持的文件类型。可上传：JPG、PNG…'],
      ['done', null],
      ['error', '请求内容过大（上限 20544 KB）'],
    ])
    expect(queue.failed.value).toBe(true)
    expect(queue.ids.value).toEqual([3])
    // a refused file would be refused again: no retry
    expect(queue.items[0]!.retryable).toBe(false)
    queue.retry(queue.items[0]!.key)
    expect(calls).toHaveLength(3)
    expect(queue.items[0]!.status).toBe('error')
  })

  it('removing a file while it uploads cancels the upload and never reports it', async () => {
    const { queue, calls, changes } = setup()
    queue.add([file('a.png')])
    const signal = calls[0]!.opts.signal!
    queue.remove(queue.items[0]!.key)
    expect(signal.aborted).toBe(true)
    calls[0]!.done.resolve(stored(1, 'a.png'))
    await flush()
    expect(queue.items).toHaveLength(0)
    expect(queue.ids.value).toEqual([])
    expect(changes).toEqual([])
    expect(queue.busy.value).toBe(false)
  })

  it('removing a finished file takes its id out', async () => {
    const { queue, calls, changes } = setup()
    queue.add([file('a.png'), file('b.png')])
    calls[0]!.done.resolve(stored(1, 'a.png'))
    calls[1]!.done.resolve(stored(2, 'b.png'))
    await flush()
    queue.remove(queue.items[0]!.key)
    expect(queue.ids.value).toEqual([2])
    expect(changes.at(-1)).toEqual([2])
  })

  it('retries a failed upload (after a network failure)', async () => {
    const { queue, calls, upload } = setup()
    queue.add([file('a.png')])
    calls[0]!.fail(new ApiError(0, 'network_error', '网络连接失败，请检查网络后重试'))
    await flush()
    expect(queue.items[0]!.status).toBe('error')
    expect(queue.items[0]!.retryable).toBe(true)
    queue.retry(queue.items[0]!.key)
    expect(upload).toHaveBeenCalledTimes(2)
    expect(queue.items[0]!.status).toBe('uploading')
    expect(queue.items[0]!.error).toBeNull()
    calls[1]!.done.resolve(stored(5, 'a.png'))
    await flush()
    expect(queue.ids.value).toEqual([5])
  })

  it('refuses files beyond the limit', async () => {
    const { queue, calls } = setup(2)
    expect(queue.add([file('1.png'), file('2.png'), file('3.png')])).toEqual({
      added: 2,
      overLimit: 1,
    })
    expect(calls).toHaveLength(2)
    expect(queue.add([file('4.png')])).toEqual({ added: 0, overLimit: 1 })
  })

  it('the kind follows the content type the server sniffed', async () => {
    const { queue, calls } = setup()
    queue.add([file('IMG_0001', '')])
    expect(queue.items[0]!.kind).toBe('other')
    calls[0]!.done.resolve(stored(9, 'IMG_0001', 'image/jpeg'))
    await flush()
    await nextTick()
    expect(queue.items[0]!.kind).toBe('image')
  })
})
