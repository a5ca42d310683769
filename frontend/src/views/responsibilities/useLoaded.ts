import { ref, watch, type Ref } from 'vue'
import { ApiError, reportError } from '@/api'

export type LoadState = 'idle' | 'loading' | 'ready' | 'not-found' | 'error'

/**
 * One object loaded by id. An object outside the caller's scope answers 404 exactly like a missing one, so
 * both show the not-found screen (`state === 'not-found'`).
 */
export function useLoaded<T>(id: Ref<number | null>, fetch: (id: number) => Promise<T>) {
  const data = ref<T | null>(null) as Ref<T | null>
  const state = ref<LoadState>('idle')
  let seq = 0

  async function load(): Promise<void> {
    const current = id.value
    const mine = ++seq
    if (!current) {
      data.value = null
      state.value = 'idle'
      return
    }
    if (state.value !== 'ready') state.value = 'loading'
    try {
      const value = await fetch(current)
      if (mine !== seq) return
      data.value = value
      state.value = 'ready'
    } catch (e) {
      if (mine !== seq) return
      data.value = null
      if (e instanceof ApiError && e.isNotFound) state.value = 'not-found'
      else {
        state.value = 'error'
        reportError(e)
      }
    }
  }

  watch(id, () => void load(), { immediate: true })
  return { data, state, load }
}
