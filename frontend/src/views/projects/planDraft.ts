/**
 * The plan editor's model (一项目一方案): goals, measures, team, milestones and the deadline, edited as a
 * draft and sent whole (`PATCH /projects/{id}` replaces the plan). Validation mirrors the server's rules so
 * that the secretary sees every gap at once, before 申报; the server still decides.
 */
import type { ProjectDetail, ProjectUpdate } from '@/api'

export const MAX_MILESTONES = 24
export const MAX_TEAM = 50

export interface MilestoneRow {
  /** Stable key for v-for while rows move (the server replaces milestones, ids are not kept). */
  key: number
  title: string
  due_on: string
  /** Completed milestones are shown but not editable (a plan is only edited before it runs). */
  completed?: boolean
}

export interface PlanDraft {
  title: string
  deadline: string
  goals: string
  measures: string
  team: string[]
  milestones: MilestoneRow[]
}

let nextKey = 1
export function newRow(title = '', due_on = ''): MilestoneRow {
  return { key: nextKey++, title, due_on }
}

export function draftFrom(p: ProjectDetail): PlanDraft {
  return {
    title: p.title,
    deadline: p.deadline ?? '',
    goals: p.plan.goals ?? '',
    measures: p.plan.measures ?? '',
    team: [...p.plan.team],
    milestones: p.plan.milestones.map((m) => ({
      ...newRow(m.title, m.due_on),
      completed: !!m.completed_at,
    })),
  }
}

// Milestone editing ------------------------------------------------------------------------------

export function addMilestone(rows: MilestoneRow[]): MilestoneRow[] {
  if (rows.length >= MAX_MILESTONES) return rows
  return [...rows, newRow()]
}

export function removeMilestone(rows: MilestoneRow[], index: number): MilestoneRow[] {
  return rows.filter((_, i) => i !== index)
}

/** Move a row up (-1) or down (+1); out-of-range moves leave the list as it is. */
export function moveMilestone(rows: MilestoneRow[], index: number, delta: -1 | 1): MilestoneRow[] {
  const target = index + delta
  if (index < 0 || index >= rows.length || target < 0 || target >= rows.length) return rows
  const out = [...rows]
  const [row] = out.splice(index, 1)
  out.splice(target, 0, row!)
  return out
}

/** Order by due date (rows without a date last), keeping the order of equal dates. */
export function sortByDue(rows: MilestoneRow[]): MilestoneRow[] {
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      if (!a.row.due_on !== !b.row.due_on) return a.row.due_on ? -1 : 1
      return a.row.due_on.localeCompare(b.row.due_on) || a.i - b.i
    })
    .map(({ row }) => row)
}

export function isBlank(row: Pick<MilestoneRow, 'title' | 'due_on'>): boolean {
  return !row.title.trim() && !row.due_on
}

// Validation --------------------------------------------------------------------------------------

export type PlanErrorCode =
  | 'title_required'
  | 'goals_required'
  | 'measures_required'
  | 'team_required'
  | 'team_too_long'
  | 'deadline_required'
  | 'milestones_required'
  | 'milestone_title_required'
  | 'milestone_due_required'
  | 'milestone_after_deadline'
  | 'milestones_too_many'

/**
 * Problems of a draft, keyed like the server's field errors (`plan.goals`, `plan.milestones.2.due_on`,
 * `deadline`) so that both land on the same form items. `forSubmit` adds what 申报 needs: a complete plan.
 */
export function validatePlan(draft: PlanDraft, forSubmit: boolean): Record<string, PlanErrorCode> {
  const errors: Record<string, PlanErrorCode> = {}
  if (!draft.title.trim()) errors.title = 'title_required'
  if (draft.team.some((m) => m.trim().length > MAX_TEAM)) errors['plan.team'] = 'team_too_long'
  const rows = draft.milestones
  if (rows.length > MAX_MILESTONES) errors['plan.milestones'] = 'milestones_too_many'
  rows.forEach((row, i) => {
    if (isBlank(row)) return // an empty row is dropped when saving
    if (!row.title.trim()) errors[`plan.milestones.${i}.title`] = 'milestone_title_required'
    if (!row.due_on) errors[`plan.milestones.${i}.due_on`] = 'milestone_due_required'
    else if (draft.deadline && row.due_on > draft.deadline)
      errors[`plan.milestones.${i}.due_on`] = 'milestone_after_deadline'
  })
  if (forSubmit) {
    if (!draft.goals.trim()) errors['plan.goals'] = 'goals_required'
    if (!draft.measures.trim()) errors['plan.measures'] = 'measures_required'
    if (!errors['plan.team'] && !draft.team.some((m) => m.trim()))
      errors['plan.team'] = 'team_required'
    if (!draft.deadline) errors.deadline = 'deadline_required'
    if (!errors['plan.milestones'] && !rows.some((r) => !isBlank(r)))
      errors['plan.milestones'] = 'milestones_required'
  }
  return errors
}

/** The PATCH body: the whole plan, blank rows and blank team entries dropped. */
export function updateBody(draft: PlanDraft): ProjectUpdate {
  const text = (s: string) => (s.trim() ? s.trim() : null)
  return {
    title: draft.title.trim(),
    deadline: draft.deadline || null,
    plan: {
      goals: text(draft.goals),
      measures: text(draft.measures),
      team: draft.team.map((m) => m.trim()).filter(Boolean),
      milestones: draft.milestones
        .filter((r) => !isBlank(r))
        .map((r) => ({ title: r.title.trim(), due_on: r.due_on })),
    },
  }
}

/** True when the draft would change what the server holds. */
export function isDirty(draft: PlanDraft, saved: PlanDraft): boolean {
  return JSON.stringify(updateBody(draft)) !== JSON.stringify(updateBody(saved))
}
