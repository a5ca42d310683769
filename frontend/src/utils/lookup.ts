import { reactive } from 'vue'
import { ApiError } from '@/api/errors'

/**
 * A small id → value cache for names the list endpoints do not embed (an org's name in a user row, an
 * actor's name in an audit row). Missing or out-of-scope ids (404) are remembered as null.
 */
export function createLookup<T>(fetchOne: (id: number) => Promise<T>, concurrency = 6) {
  const values = reactive(new Map<number, T | null>()) as Map<number, T | null>
  const inflight = new Map<number, Promise<void>>()

  function load(id: number): Promise<void> {
    let p = inflight.get(id)
    if (!p) {
      p = fetchOne(id)
        .then((v) => {
          values.set(id, v)
        })
        .catch((e: unknown) => {
          if (e instanceof ApiError && (e.status === 404 || e.status === 403)) values.set(id, null)
        })
        .finally(() => inflight.delete(id))
      inflight.set(id, p)
    }
    return p
  }

  /** Fetch every id not cached yet, a few at a time. */
  async function ensure(ids: Iterable<number | null | undefined>): Promise<void> {
    const todo = [...new Set([...ids].filter((id): id is number => !!id && !values.has(id)))]
    const workers = Array.from({ length: Math.min(concurrency, todo.length) }, async () => {
      for (let id = todo.shift(); id !== undefined; id = todo.shift()) await load(id)
    })
    await Promise.all(workers)
  }

  function get(id: number | null | undefined): T | null | undefined {
    return id ? values.get(id) : undefined
  }

  function put(id: number, value: T): void {
    values.set(id, value)
  }

  function forget(id: number): void {
    values.delete(id)
  }

  function clear(): void {
    values.clear()
  }

  return { ensure, get, put, forget, clear }
}
