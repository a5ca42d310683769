import type { Component } from 'vue'
import type { MeAssignment } from '@/api'
import { problemHomeWidgets } from '@/views/problems/home'
import { statsHomeWidgets } from '@/views/stats/home'
import { projectHomeWidgets } from '@/views/projects/home'
import { taskHomeWidgets } from '@/views/tasks/home'
import { listHomeWidgets } from '@/views/responsibilities/home'
import { caseHomeWidgets } from '@/views/cases/home'

/**
 * Cards on the home page (工作概览). Each domain declares its own in `views/<domain>/home/index.ts` and is
 * listed here; a card shows when `visible` says so for the acting role assignment. Cards show real data
 * from their domain's API only — a domain without an API yet has no card.
 */
export interface HomeWidget {
  key: string
  order: number
  /** Spans the full width of the grid. */
  wide?: boolean
  visible: (assignment: MeAssignment | null) => boolean
  component: Component
}

export const homeWidgets: HomeWidget[] = [
  ...problemHomeWidgets,
  ...statsHomeWidgets,
  ...projectHomeWidgets,
  ...taskHomeWidgets,
  ...listHomeWidgets,
  ...caseHomeWidgets,
].sort((a, b) => a.order - b.order)
