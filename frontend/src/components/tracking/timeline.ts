import type { TimelineEntry } from '@/api'

/** A status change recorded on the timeline of any tracked item (problem, assignment, project, item). */
export interface TransitionData {
  action: string
  from: string
  to: string
}

export function transitionOf(entry: Pick<TimelineEntry, 'kind' | 'data'>): TransitionData | null {
  if (entry.kind !== 'transition') return null
  const d = entry.data as Record<string, unknown>
  if (typeof d.action !== 'string') return null
  return {
    action: d.action,
    from: typeof d.from === 'string' ? d.from : '',
    to: typeof d.to === 'string' ? d.to : '',
  }
}

export type TimelineTone = 'primary' | 'success' | 'warning' | 'danger' | 'info'
