import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureClient } from '@/api'
import { writeTokens } from '@/api/tokens'
import { downloadFile, filenameFromDisposition, toSearchParams } from '@/utils/download'
import { importRowErrors } from '@/components/importReport'
import { envelope, fakeServer } from './fakeServer'

describe('Content-Disposition filenames', () => {
  it("prefers RFC 5987 filename* (the server's Chinese names)", () => {
    const header = `attachment; filename*=UTF-8''${encodeURIComponent('问题整改台账-20261123.xlsx')}`
    expect(filenameFromDisposition(header, 'x.xlsx')).toBe('问题整改台账-20261123.xlsx')
  })

  it('takes filename* over a plain filename, whatever the order', () => {
    const header = `attachment; filename="fallback.xlsx"; filename*=utf-8''%E7%94%A8%E6%88%B7.xlsx`
    expect(filenameFromDisposition(header, 'x.xlsx')).toBe('用户.xlsx')
  })

  it('reads a plain filename, quoted or not', () => {
    expect(filenameFromDisposition('attachment; filename="orgs.xlsx"', 'x')).toBe('orgs.xlsx')
    expect(filenameFromDisposition('attachment; filename=orgs.xlsx', 'x')).toBe('orgs.xlsx')
  })

  it('falls back when the header is missing or unreadable', () => {
    expect(filenameFromDisposition(null, 'export.xlsx')).toBe('export.xlsx')
    expect(filenameFromDisposition('attachment', 'export.xlsx')).toBe('export.xlsx')
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E7%94", 'export.xlsx')).toBe(
      'export.xlsx',
    )
  })
})

describe('query parameters', () => {
  it('leaves out unset values and repeats arrays', () => {
    const q = toSearchParams({ root_id: 3, status: null, q: '', overdue: false, ids: [1, 2] })
    expect(q.toString()).toBe('root_id=3&overdue=false&ids=1&ids=2')
  })
})

describe('downloadFile', () => {
  beforeEach(() => {
    configureClient({ origin: 'http://test', retryDelaysMs: [] })
    writeTokens({ access: 'a1', refresh: 'r1' })
  })

  it('sends the bearer token and the filters, and saves the blob under the server filename', async () => {
    const server = fakeServer().on(
      'GET /api/v1/exports/task-assignments',
      () =>
        new Response('xlsx', {
          status: 200,
          headers: {
            'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('任务落实台账.xlsx')}`,
          },
        }),
    )
    // jsdom has no object URLs: give it the two functions, then watch them
    URL.createObjectURL ??= () => ''
    URL.revokeObjectURL ??= () => {}
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test')
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    const clicked: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.download)
    })

    const name = await downloadFile('/exports/task-assignments', { root_id: 3, status: null })
    expect(name).toBe('任务落实台账.xlsx')
    expect(clicked).toEqual(['任务落实台账.xlsx'])
    const call = server.callsTo('GET /api/v1/exports/task-assignments')[0]!
    expect(call.path).toBe('/api/v1/exports/task-assignments?root_id=3')
    expect(call.headers.get('Authorization')).toBe('Bearer a1')
    expect(createObjectURL).toHaveBeenCalledOnce()
  })

  it("turns a refusal into an ApiError with the server's message", async () => {
    fakeServer().on('GET /api/v1/exports/problems', () =>
      envelope(422, 'export_too_large', '导出超过 10000 行，请缩小范围或增加筛选条件'),
    )
    const error = await downloadFile('/exports/problems').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toMatch(/导出超过/)
  })
})

describe('import error report', () => {
  it('lists cell, row and file errors by row', () => {
    const rows = importRowErrors([
      { loc: ['row', 5, '组织编码'], message: '找不到组织编码 X01' },
      { loc: ['row', 3], message: '用户名已存在' },
      { loc: ['file', 'header'], message: '缺少列：姓名' },
    ])
    expect(rows).toEqual([
      { row: null, column: '', message: '缺少列：姓名' },
      { row: 3, column: '', message: '用户名已存在' },
      { row: 5, column: '组织编码', message: '找不到组织编码 X01' },
    ])
  })
})
