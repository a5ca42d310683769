import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureClient, setAuthLostHandler } from '@/api'
import { attachmentKind, fetchAttachmentBlob, formatBytes, uploadAttachment } from '@/api/files'
import { readTokens, writeTokens } from '@/api/tokens'
import { envelope, fakeServer, json } from './fakeServer'

/** A scripted XMLHttpRequest: each instance answers with the next response of the script. */
function fakeXhr(script: { status: number; body: unknown; progress?: [number, number][] }[]) {
  const sent: { url: string; headers: Record<string, string>; body: FormData }[] = []
  class FakeXhr {
    status = 0
    responseText = ''
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null }
    onload: (() => void) | null = null
    onerror: (() => void) | null = null
    ontimeout: (() => void) | null = null
    onabort: (() => void) | null = null
    private url = ''
    private headers: Record<string, string> = {}
    open(_method: string, url: string) {
      this.url = url
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value
    }
    abort() {
      this.onabort?.()
    }
    send(body: FormData) {
      sent.push({ url: this.url, headers: this.headers, body })
      const next = script.shift()
      setTimeout(() => {
        if (!next) {
          this.onerror?.()
          return
        }
        for (const [loaded, total] of next.progress ?? []) {
          this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent)
        }
        this.status = next.status
        this.responseText = JSON.stringify(next.body)
        this.onload?.()
      }, 0)
    }
  }
  return { sent, createXhr: () => new FakeXhr() as unknown as XMLHttpRequest }
}

const photo = () => new File([new Uint8Array([0x89, 0x50])], '现场照片.png', { type: 'image/png' })
const stored = { id: 12, filename: '现场照片.png', content_type: 'image/png', size: 2 }

beforeEach(() => {
  configureClient({ origin: 'http://test', retryDelaysMs: [] })
  writeTokens({ access: 'a1', refresh: 'r1' })
  setAuthLostHandler(vi.fn())
})

describe('uploadAttachment', () => {
  it('posts the file as multipart with the bearer token and reports progress', async () => {
    const { sent, createXhr } = fakeXhr([
      {
        status: 201,
        body: stored,
        progress: [
          [1, 4],
          [4, 4],
        ],
      },
    ])
    const progress: number[] = []
    const result = await uploadAttachment(photo(), {
      createXhr,
      onProgress: (f) => progress.push(f),
    })
    expect(result).toEqual(stored)
    expect(sent[0]!.url).toBe('http://test/api/v1/attachments')
    expect(sent[0]!.headers.Authorization).toBe('Bearer a1')
    expect(sent[0]!.headers['Idempotency-Key']).toBeUndefined()
    expect((sent[0]!.body.get('file') as File).name).toBe('现场照片.png')
    expect(progress).toEqual([0.25, 1, 1])
  })

  it("fails with the server's message for a refused type (415) or size (413)", async () => {
    const refusal = {
      error: { code: 'unsupported_media_type', message: '不支持的文件类型', fields: [] },
    }
    const { createXhr } = fakeXhr([
      { status: 415, body: refusal },
      {
        status: 413,
        body: { error: { code: 'payload_too_large', message: '请求内容过大（上限 20544 KB）' } },
      },
    ])
    await expect(uploadAttachment(photo(), { createXhr })).rejects.toMatchObject({
      status: 415,
      code: 'unsupported_media_type',
      message: '不支持的文件类型',
    })
    await expect(uploadAttachment(photo(), { createXhr })).rejects.toMatchObject({
      status: 413,
      message: '请求内容过大（上限 20544 KB）',
    })
  })

  it('after a 401 refreshes the token once (shared with other calls) and sends the file again', async () => {
    fakeServer().on('POST /api/v1/auth/refresh', () =>
      json(200, { access_token: 'a2', refresh_token: 'r2', token_type: 'bearer', expires_in: 900 }),
    )
    const { sent, createXhr } = fakeXhr([
      { status: 401, body: { error: { code: 'unauthorized', message: '登录已失效' } } },
      { status: 201, body: stored },
    ])
    await expect(uploadAttachment(photo(), { createXhr })).resolves.toEqual(stored)
    expect(sent.map((s) => s.headers.Authorization)).toEqual(['Bearer a1', 'Bearer a2'])
    expect(readTokens()).toEqual({ access: 'a2', refresh: 'r2' })
  })

  it('a network failure is an ApiError with status 0; an abort is an AbortError', async () => {
    const { createXhr } = fakeXhr([])
    const error = await uploadAttachment(photo(), { createXhr }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).isNetwork).toBe(true)
    const controller = new AbortController()
    controller.abort()
    await expect(
      uploadAttachment(photo(), { createXhr, signal: controller.signal }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    })
  })
})

describe('fetchAttachmentBlob', () => {
  it('reads the content with the bearer token', async () => {
    const server = fakeServer().on('GET /api/v1/attachments/12/content', (c) =>
      c.headers.get('Authorization') === 'Bearer a1'
        ? new Response('png-bytes', { status: 200, headers: { 'Content-Type': 'image/png' } })
        : envelope(401, 'unauthorized', '未登录'),
    )
    const blob = await fetchAttachmentBlob(12)
    expect(await blob.text()).toBe('png-bytes')
    expect(server.calls).toHaveLength(1)
  })

  it('fails with the server message (404 outside scope)', async () => {
    fakeServer().on('GET /api/v1/attachments/13/content', () =>
      envelope(404, 'not_found', '附件不存在'),
    )
    await expect(fetchAttachmentBlob(13)).rejects.toMatchObject({
      status: 404,
      message: '附件不存在',
    })
  })
})

describe('attachment kinds', () => {
  it.each([
    ['image/jpeg', 'a.jpg', 'image'],
    ['image/heic', 'IMG.HEIC', 'other'],
    ['video/quicktime', 'a.mov', 'video'],
    ['application/pdf', 'a.pdf', 'pdf'],
    [
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'a.docx',
      'document',
    ],
    ['application/vnd.ms-excel', 'a.xls', 'document'],
    ['', 'scan.PDF', 'pdf'],
    ['', 'photo.webp', 'image'],
    ['text/plain', 'a.txt', 'other'],
  ])('%s %s → %s', (type, name, kind) => {
    expect(attachmentKind(type, name)).toBe(kind)
  })

  it('formats sizes', () => {
    expect([formatBytes(512), formatBytes(1536), formatBytes(20 * 1024 * 1024)]).toEqual([
      '512 B',
      '1.5 KB',
      '20.0 MB',
    ])
  })
})
