/**
 * The server's error envelope, `{"error": {"code", "message", "fields": [{"loc", "message"}]}}`, as a typed
 * exception. Every failed API call (HTTP error or network failure) surfaces as an ApiError.
 */
export interface FieldError {
  loc: (string | number)[]
  message: string
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: FieldError[]

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
  }

  /** 404: not found or outside every scope of the caller (the server does not tell them apart). */
  get isNotFound(): boolean {
    return this.status === 404
  }

  /** 412: someone else changed the object since it was loaded. */
  get isStale(): boolean {
    return this.status === 412
  }

  get isNetwork(): boolean {
    return this.status === 0
  }
}

/** Fallback messages (Chinese: the server's language) for responses that carry no envelope. */
const FALLBACK: Record<number, string> = {
  0: '网络连接失败，请检查网络后重试',
  400: '请求无效',
  401: '未登录或登录已失效',
  403: '没有权限执行此操作',
  404: '对象不存在',
  409: '操作与当前数据冲突',
  412: '数据已被他人修改，请刷新后重试',
  413: '请求内容过大',
  422: '提交的数据不符合要求',
  429: '请求过于频繁，请稍后再试',
}

function fallbackMessage(status: number): string {
  return (
    FALLBACK[status] ?? (status >= 500 ? '服务器内部错误，请稍后重试' : `请求失败（${status}）`)
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function parseFields(raw: unknown): FieldError[] {
  if (!Array.isArray(raw)) return []
  return raw.filter(isRecord).map((f) => ({
    loc: Array.isArray(f.loc)
      ? f.loc.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number')
      : [],
    message: typeof f.message === 'string' ? f.message : '',
  }))
}

/** Map a response status and its (parsed) body onto an ApiError, tolerating bodies that are not envelopes. */
export function toApiError(status: number, body: unknown): ApiError {
  if (body instanceof ApiError) return body
  if (isRecord(body) && isRecord(body.error)) {
    const e = body.error
    const message = typeof e.message === 'string' && e.message ? e.message : fallbackMessage(status)
    const code = typeof e.code === 'string' && e.code ? e.code : `http_${status}`
    return new ApiError(status, code, message, parseFields(e.fields))
  }
  return new ApiError(
    status,
    status === 0 ? 'network_error' : `http_${status}`,
    fallbackMessage(status),
  )
}

/**
 * Field errors keyed by form prop: `["body", "org_id"]` → `org_id`, `["body", "plan", "goals"]` →
 * `plan.goals`. Query and path errors are keyed the same way minus their first segment.
 */
export function fieldErrorMap(error: ApiError): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of error.fields) {
    const loc =
      f.loc.length > 1 && ['body', 'query', 'path', 'header'].includes(String(f.loc[0]))
        ? f.loc.slice(1)
        : f.loc
    const key = loc.map(String).join('.')
    if (key && !(key in out)) out[key] = f.message
  }
  return out
}
