import { computed, ref, type Ref } from 'vue'
import { scoringSessionsAssignedSessions, scoringSessionsGetQueue, reportError } from '@/api'
import type { AssignedSession, QueueEntry } from '@/api'
import { queueProgress } from './scoringMeta'

/** Every page of a paged endpoint (queues and panels are small; this keeps the UI simple). */
export async function allPages<T>(
  fetch: (page: number) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const out: T[] = []
  for (let page = 1; page <= 50; page++) {
    const { items, total } = await fetch(page)
    out.push(...items)
    if (items.length === 0 || out.length >= total) break
  }
  return out
}

/** The sessions assigned to the signed-in judge. */
export async function loadAssigned(): Promise<AssignedSession[]> {
  return allPages(async (page) => {
    const { data } = await scoringSessionsAssignedSessions({ query: { page, page_size: 100 } })
    return data
  })
}

/**
 * A judge's queue in one session. The judge cannot read the session itself (scoring_read is the
 * organizers'), so its rubric and status come from the assigned list.
 */
export function useJudgeQueue(sessionId: Ref<number>) {
  const session = ref<AssignedSession | null>(null)
  const entries = ref<QueueEntry[]>([])
  const state = ref<'loading' | 'ready' | 'not-found' | 'error'>('loading')
  const progress = computed(() => queueProgress(entries.value))

  async function loadQueue(): Promise<void> {
    entries.value = await allPages(async (page) => {
      const { data } = await scoringSessionsGetQueue({
        path: { session_id: sessionId.value },
        query: { page, page_size: 100 },
      })
      return data
    })
  }

  async function load(): Promise<void> {
    try {
      const assigned = await loadAssigned()
      session.value = assigned.find((s) => s.id === sessionId.value) ?? null
      if (!session.value) {
        state.value = 'not-found'
        return
      }
      await loadQueue()
      state.value = 'ready'
    } catch (e) {
      state.value = 'error'
      reportError(e)
    }
  }

  return { session, entries, state, progress, load, loadQueue }
}
