import { defineStore } from 'pinia'
import { ref } from 'vue'
import { notificationsMarkAllRead, notificationsMarkRead, notificationsUnreadCount } from '@/api'
import type { NotificationRead } from '@/api'

/** How often the header badge asks for the unread count (also asked on every route change). */
export const POLL_MS = 60_000

/**
 * The unread badge in the shell header. One poller for the whole app; the inbox page updates the count
 * through `markRead`/`markAllRead` so the badge follows without waiting for the next poll.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const unread = ref(0)
  let timer: ReturnType<typeof setInterval> | null = null
  let inFlight: Promise<void> | null = null

  /** Ask the server (concurrent callers share one request). Errors are silent: it is only a badge. */
  function refresh(): Promise<void> {
    if (!inFlight) {
      inFlight = notificationsUnreadCount()
        .then(({ data }) => {
          unread.value = data.unread
        })
        .catch(() => {})
        .finally(() => {
          inFlight = null
        })
    }
    return inFlight
  }

  function start(): void {
    if (timer) return
    void refresh()
    timer = setInterval(() => void refresh(), POLL_MS)
  }

  function stop(): void {
    if (timer) clearInterval(timer)
    timer = null
    unread.value = 0
  }

  async function markRead(item: NotificationRead): Promise<NotificationRead> {
    if (item.read_at) return item
    const { data } = await notificationsMarkRead({ path: { notification_id: item.id } })
    unread.value = Math.max(0, unread.value - 1)
    return data
  }

  async function markAllRead(): Promise<void> {
    const { data } = await notificationsMarkAllRead()
    unread.value = data.unread
  }

  return { unread, refresh, start, stop, markRead, markAllRead }
})
