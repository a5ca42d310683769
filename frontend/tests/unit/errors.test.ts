import { describe, expect, it } from 'vitest'
import { ApiError, fieldErrorMap, toApiError } from '@/api/errors'

describe('toApiError (the error envelope)', () => {
  it('maps the envelope onto a typed ApiError', () => {
    const e = toApiError(422, {
      error: {
        code: 'validation_error',
        message: '提交的数据不符合要求',
        fields: [
          { loc: ['body', 'username'], message: '内容过短' },
          { loc: ['body', 'plan', 'goals'], message: '必填' },
        ],
      },
    })
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toBeInstanceOf(Error)
    expect(e.status).toBe(422)
    expect(e.code).toBe('validation_error')
    expect(e.message).toBe('提交的数据不符合要求')
    expect(e.fields).toEqual([
      { loc: ['body', 'username'], message: '内容过短' },
      { loc: ['body', 'plan', 'goals'], message: '必填' },
    ])
  })

  it('flags 404 (not found or out of scope) and 412 (stale)', () => {
    expect(
      toApiError(404, { error: { code: 'not_found', message: '对象不存在' } }).isNotFound,
    ).toBe(true)
    const stale = toApiError(412, {
      error: { code: 'precondition_failed', message: '数据已被他人修改，请刷新后重试', fields: [] },
    })
    expect(stale.isStale).toBe(true)
    expect(stale.message).toBe('数据已被他人修改，请刷新后重试')
  })

  it('falls back to a Chinese message when the body is not an envelope', () => {
    const e = toApiError(502, '<html>Bad Gateway</html>')
    expect(e.code).toBe('http_502')
    expect(e.message).toBe('服务器内部错误，请稍后重试')
    expect(toApiError(429, null).message).toBe('请求过于频繁，请稍后再试')
    expect(toApiError(418, {}).message).toBe('请求失败（418）')
  })

  it('turns network failures (status 0) into network_error', () => {
    const e = toApiError(0, new TypeError('Failed to fetch'))
    expect(e.isNetwork).toBe(true)
    expect(e.code).toBe('network_error')
    expect(e.message).toBe('网络连接失败，请检查网络后重试')
  })

  it('keeps an ApiError as it is', () => {
    const original = new ApiError(409, 'invalid_transition', '当前状态下不允许此操作')
    expect(toApiError(0, original)).toBe(original)
  })

  it('tolerates malformed fields', () => {
    const e = toApiError(422, {
      error: { code: 'x', message: 'm', fields: [null, 'x', { loc: 'body', message: 3 }] },
    })
    expect(e.fields).toEqual([{ loc: [], message: '' }])
  })
})

describe('fieldErrorMap', () => {
  it('keys field errors by form prop, dropping the body/query prefix', () => {
    const e = new ApiError(422, 'validation_error', 'x', [
      { loc: ['body', 'username'], message: '内容过短' },
      { loc: ['body', 'username'], message: '第二条' },
      { loc: ['body', 'plan', 'milestones', 0, 'title'], message: '必填' },
      { loc: ['query', 'page_size'], message: '数值过大' },
      { loc: ['parent_id'], message: '不能移动到自身下级' },
    ])
    expect(fieldErrorMap(e)).toEqual({
      username: '内容过短',
      'plan.milestones.0.title': '必填',
      page_size: '数值过大',
      parent_id: '不能移动到自身下级',
    })
  })
})
