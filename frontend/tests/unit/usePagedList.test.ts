import { describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'

const route = { query: {} as Record<string, string> }
const replace = vi.fn()
vi.mock('vue-router', () => ({
  useRoute: () => route,
  useRouter: () => ({ replace }),
}))

const { usePagedList } = await import('@/views/responsibilities/usePagedList')

type Filters = { status: string | null; root_id: number | null; q: string | null }
const flush = () => new Promise((r) => setTimeout(r, 0))

function setup(fetch: (q: Record<string, unknown>) => Promise<{ items: string[]; total: number }>) {
  const scope = effectScope()
  const list = scope.run(() =>
    usePagedList<Filters, string>({
      schema: { status: 'string', root_id: 'number', q: 'string' },
      defaults: () => ({ status: null, root_id: null, q: null }),
      defaultSort: '-id',
      manual: ['q'],
      fetch,
    }),
  )!
  return { list, scope }
}

describe('usePagedList', () => {
  it('starts from the URL, and several filter changes in one tick make one request', async () => {
    route.query = { status: 'issued', page: '2' }
    replace.mockClear()
    const fetch = vi.fn(async () => ({ items: ['a'], total: 21 }))
    const { list, scope } = setup(fetch)
    expect(list.filters.status).toBe('issued')
    expect(list.page.value).toBe(2)
    await list.load()
    expect(fetch).toHaveBeenLastCalledWith({
      page: 2,
      page_size: 20,
      sort: '-id',
      status: 'issued',
    })

    list.filters.status = 'signed'
    list.filters.root_id = 3
    await nextTick()
    await flush()
    expect(fetch).toHaveBeenCalledTimes(2)
    expect(fetch).toHaveBeenLastCalledWith({
      page: 1,
      page_size: 20,
      sort: '-id',
      status: 'signed',
      root_id: 3,
    })
    expect(replace).toHaveBeenLastCalledWith({ query: { status: 'signed', root_id: '3' } })
    scope.stop()
  })

  it('does not search while text is typed, only on submit', async () => {
    route.query = {}
    const fetch = vi.fn(async () => ({ items: [], total: 0 }))
    const { list, scope } = setup(fetch)
    list.filters.q = '三会'
    await nextTick()
    await flush()
    expect(fetch).not.toHaveBeenCalled()
    list.search()
    await flush()
    expect(fetch).toHaveBeenCalledWith(expect.objectContaining({ q: '三会', page: 1 }))
    scope.stop()
  })

  it('keeps the answer of the latest request when an older one arrives late', async () => {
    route.query = {}
    const resolvers: ((v: { items: string[]; total: number }) => void)[] = []
    const fetch = vi.fn(
      () => new Promise<{ items: string[]; total: number }>((r) => resolvers.push(r)),
    )
    const { list, scope } = setup(fetch)
    const first = list.load()
    const second = list.load()
    resolvers[1]?.({ items: ['new'], total: 1 })
    resolvers[0]?.({ items: ['old'], total: 9 })
    await Promise.all([first, second])
    expect(list.rows.value).toEqual(['new'])
    expect(list.total.value).toBe(1)
    expect(list.loading.value).toBe(false)
    scope.stop()
  })
})
