import { vi } from 'vitest'

export interface Call {
  method: string
  path: string
  headers: Headers
  body: unknown
}

type Handler = (call: Call) => Response | Promise<Response>

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

export function envelope(status: number, code: string, message: string, fields: unknown[] = []) {
  return json(status, { error: { code, message, fields } })
}

/**
 * Replace global fetch with a tiny router: `server.on('POST /api/v1/auth/refresh', handler)`.
 * Every call is recorded (method, path, headers, parsed body) in `server.calls`.
 */
export function fakeServer() {
  const routes = new Map<string, Handler>()
  const calls: Call[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init)
    const url = new URL(request.url)
    const text = await request.text()
    const call: Call = {
      method: request.method,
      path: url.pathname + url.search,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    }
    calls.push(call)
    const handler = routes.get(`${request.method} ${url.pathname}`)
    if (!handler) return envelope(404, 'not_found', '接口不存在')
    return handler(call)
  })
  vi.stubGlobal('fetch', fetchMock)
  return {
    calls,
    fetch: fetchMock,
    on(route: string, handler: Handler) {
      routes.set(route, handler)
      return this
    },
    callsTo(route: string) {
      const [method, path] = route.split(' ')
      return calls.filter((c) => c.method === method && c.path.split('?')[0] === path)
    },
  }
}

/** A promise resolved from outside, to hold a response until the test says so. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}
